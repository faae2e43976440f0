import type { StaffMember } from '../../domain/staff-member';
import type { CurrentStaffResponseDto, StaffResponseDto } from './staff.dto';

export function toStaffResponse(member: StaffMember): StaffResponseDto {
  return {
    id: member.id,
    email: member.email,
    name: member.name,
    role: member.role,
    status: member.status,
    createdAt: member.createdAt.toISOString(),
    lastLoginAt: member.lastLoginAt?.toISOString() ?? null,
  };
}

export function toCurrentStaffResponse(member: StaffMember): CurrentStaffResponseDto {
  return { ...toStaffResponse(member), tenantId: member.tenantId };
}
