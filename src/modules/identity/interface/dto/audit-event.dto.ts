import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageMetaDto, PaginationQueryDto } from '@core/http/pagination.dto';

export class AuditEventsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    description: 'Only actions starting with this: a method and route (`PATCH /api/v1/whatsapp-numbers`) or `auth.` for logins',
    maxLength: 120,
    example: 'POST /api/v1/whatsapp-numbers',
  })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(120)
  action?: string;

  @ApiPropertyOptional({ description: 'Only actions of this staff member', format: 'uuid', example: '5b8f0c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b' })
  @IsOptional() @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({
    description: "Platform admins only: one tenant's events (403 for a tenant admin naming another tenant)",
    format: 'uuid',
    example: '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b',
  })
  @IsOptional() @IsUUID()
  tenantId?: string;
}

export class AuditEventResponseDto {
  @ApiProperty({ format: 'uuid', example: '9d4c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a' })
  id!: string;

  @ApiProperty({ description: 'Null for a platform action that touched no tenant', format: 'uuid', nullable: true, type: String, example: '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b' })
  tenantId!: string | null;

  @ApiProperty({ description: 'Who acted; null for a failed login', format: 'uuid', nullable: true, type: String, example: '5b8f0c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b' })
  actorId!: string | null;

  @ApiProperty({ description: "The actor's role at the time", nullable: true, type: String, example: 'tenant_admin' })
  actorRole!: string | null;

  @ApiProperty({ description: 'The method and route template, or auth.login / auth.login_failed', example: 'PATCH /api/v1/whatsapp-numbers/:id' })
  action!: string;

  @ApiProperty({ description: 'The kind of resource acted on', nullable: true, type: String, example: 'whatsapp-numbers' })
  targetType!: string | null;

  @ApiProperty({ description: 'The resource acted on: the :id of the route, or the id created', nullable: true, type: String, example: '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b' })
  targetId!: string | null;

  @ApiProperty({
    description: "The request body, with every password, token, secret and authorization value replaced by '[redacted]'",
    type: 'object',
    additionalProperties: true,
    example: { twilioAuthToken: '[redacted]' },
  })
  details!: Record<string, unknown>;

  @ApiProperty({ description: "The client's address", nullable: true, type: String, example: '203.0.113.7' })
  ip!: string | null;

  @ApiProperty({ description: 'The X-Correlation-Id of the request, to find it in the logs', nullable: true, type: String, example: 'c0a8012e-7f3b-4c1d-9e2f-3a4b5c6d7e8f' })
  correlationId!: string | null;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:00:00.000Z' })
  createdAt!: string;
}

export class AuditEventListResponseDto extends PageMetaDto {
  @ApiProperty({ type: [AuditEventResponseDto], description: 'Newest first' })
  items!: AuditEventResponseDto[];
}
