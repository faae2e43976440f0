import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@core/auth/auth.decorators';
import type { Principal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { AuditEventQueries } from '../application/audit-event-queries';
import type { AuditEvent } from '../domain/audit-event';
import { AuditEventListResponseDto, AuditEventResponseDto, AuditEventsQueryDto } from './dto/audit-event.dto';

@ApiTags('Audit log')
@ApiBearerAuth()
@Controller('api/v1/audit-events')
@Roles('tenant_admin', 'platform_admin')
export class AuditEventsController {
  constructor(private readonly queries: AuditEventQueries) {}

  @Get()
  @ApiOperation({
    summary: 'Read the audit log of staff actions',
    description:
      "Every successful write under /api/v1 and every login attempt: who, what, when, in which tenant. Newest first. Tenant admins see their tenant's events; platform admins see all, or one tenant's with ?tenantId=.",
  })
  @ApiOkResponse({ type: AuditEventListResponseDto, description: 'A page of events, newest first' })
  @ApiErrors(400, 401)
  @ApiError(403, "Tenant and platform admins only; a tenant admin may not name another tenant (code IDENTITY.AUDIT_TENANT_FILTER_FORBIDDEN)")
  async list(@CurrentPrincipal() caller: Principal, @Query() query: AuditEventsQueryDto): Promise<AuditEventListResponseDto> {
    const page = await this.queries.list(caller, query);
    return { items: page.items.map(toResponse), total: page.total, limit: query.limit, offset: query.offset };
  }
}

function toResponse(e: AuditEvent): AuditEventResponseDto {
  return {
    id: e.id,
    tenantId: e.tenantId,
    actorId: e.actorId,
    actorRole: e.actorRole,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    details: e.details,
    ip: e.ip,
    correlationId: e.correlationId,
    createdAt: e.createdAt.toISOString(),
  };
}
