import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { ConversationSettingsQueries } from '../application/settings/conversation-settings-queries';
import { UpdateConversationSettings } from '../application/settings/update-conversation-settings.use-case';
import type { ConversationSettings } from '../domain/conversation-settings';
import { ConversationSettingsResponseDto, UpdateConversationSettingsRequestDto } from './dto/conversation-settings.dto';

@ApiTags('Conversation settings')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/v1/conversation-settings')
export class ConversationSettingsController {
  constructor(
    private readonly queries: ConversationSettingsQueries,
    private readonly update: UpdateConversationSettings,
  ) {}

  @Get()
  @Roles('tenant_admin', 'agent')
  @ApiOperation({ summary: "Read your tenant's conversation settings", description: 'Handoff texts, the unclaimed notice, inactivity follow-up and close, automatic assignment. A tenant that never changed them gets the defaults.' })
  @ApiOkResponse({ type: ConversationSettingsResponseDto, description: 'The settings' })
  @ApiError(403, 'Tenant admins and agents only')
  async get(@CurrentTenant() caller: TenantPrincipal): Promise<ConversationSettingsResponseDto> {
    return toResponse(await this.queries.forTenant(caller.tenantId));
  }

  @Patch()
  @Roles('tenant_admin')
  @ApiOperation({
    summary: "Change your tenant's conversation settings",
    description: 'Only the fields given change; null clears an optional one (its default text, or off). Times within their ranges, the follow-up shorter than the close time (400 otherwise).',
  })
  @ApiOkResponse({ type: ConversationSettingsResponseDto, description: 'The settings as changed' })
  @ApiErrors(400)
  @ApiError(403, 'Tenant admins only')
  async change(@CurrentTenant() caller: TenantPrincipal, @Body() body: UpdateConversationSettingsRequestDto): Promise<ConversationSettingsResponseDto> {
    return toResponse(await this.update.execute(caller.tenantId, body));
  }
}

function toResponse(settings: ConversationSettings): ConversationSettingsResponseDto {
  return { ...settings };
}
