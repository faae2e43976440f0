import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { UuidParamDto } from '@core/http/pagination.dto';
import { WhatsappTemplates } from '../application/whatsapp-templates.use-cases';
import {
  CreateWhatsappTemplateRequestDto,
  ListWhatsappTemplatesQueryDto,
  TEMPLATE_NAME_TAKEN,
  TEMPLATE_NOT_FOUND,
  UpdateWhatsappTemplateRequestDto,
  WhatsappTemplateListResponseDto,
  WhatsappTemplateResponseDto,
} from './dto/whatsapp-template.dto';
import { toTemplateChanges, toTemplateFields, toWhatsappTemplateResponse } from './dto/whatsapp-template.mapper';

const DUPLICATE_KEYS = 'Two variables share a key (code CHANNEL.INVALID_TEMPLATE)';

@ApiTags('WhatsApp templates')
@ApiBearerAuth()
@ApiErrors(401)
@ApiError(403, 'Tenant admins only')
@Controller('api/v1/whatsapp-templates')
@Roles('tenant_admin')
export class WhatsappTemplatesController {
  constructor(private readonly templates: WhatsappTemplates) {}

  @Post()
  @ApiOperation({
    summary: 'Register an approved WhatsApp template',
    description:
      'A template approved in Twilio (its Content SID). Outside the 24-hour window a message goes out as the enabled template registered for its purpose ' +
      '(the most recently changed one), or is refused (agent API, 422 CHANNEL.OUTSIDE_WINDOW) / stored as failed (AI and system messages).',
  })
  @ApiCreatedResponse({ type: WhatsappTemplateResponseDto, description: 'The template' })
  @ApiErrors(400, 413)
  @ApiError(409, TEMPLATE_NAME_TAKEN)
  @ApiError(422, DUPLICATE_KEYS)
  async create(@CurrentTenant() caller: TenantPrincipal, @Body() body: CreateWhatsappTemplateRequestDto): Promise<WhatsappTemplateResponseDto> {
    return toWhatsappTemplateResponse(await this.templates.create(caller.tenantId, toTemplateFields(body)));
  }

  @Get()
  @ApiOperation({ summary: "List the tenant's WhatsApp templates", description: 'By name.' })
  @ApiOkResponse({ type: WhatsappTemplateListResponseDto, description: 'One page, with the total' })
  @ApiErrors(400)
  async list(@CurrentTenant() caller: TenantPrincipal, @Query() query: ListWhatsappTemplatesQueryDto): Promise<WhatsappTemplateListResponseDto> {
    const page = await this.templates.list(caller.tenantId, { purpose: query.purpose, limit: query.limit, offset: query.offset });
    return { items: page.items.map(toWhatsappTemplateResponse), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One WhatsApp template' })
  @ApiOkResponse({ type: WhatsappTemplateResponseDto, description: 'The template' })
  @ApiErrors(400)
  @ApiError(404, TEMPLATE_NOT_FOUND)
  async get(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<WhatsappTemplateResponseDto> {
    return toWhatsappTemplateResponse(await this.templates.get(caller.tenantId, params.id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a WhatsApp template', description: 'Only the fields given change; messages already sent with it keep what they were sent with.' })
  @ApiOkResponse({ type: WhatsappTemplateResponseDto, description: 'The template after the change' })
  @ApiErrors(400, 413)
  @ApiError(404, TEMPLATE_NOT_FOUND)
  @ApiError(409, TEMPLATE_NAME_TAKEN)
  @ApiError(422, DUPLICATE_KEYS)
  async update(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto, @Body() body: UpdateWhatsappTemplateRequestDto): Promise<WhatsappTemplateResponseDto> {
    return toWhatsappTemplateResponse(await this.templates.update(caller.tenantId, params.id, toTemplateChanges(body)));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a WhatsApp template', description: 'Messages sent with it keep their content variables; their templateId becomes null.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400)
  @ApiError(404, TEMPLATE_NOT_FOUND)
  async remove(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<void> {
    await this.templates.delete(caller.tenantId, params.id);
  }
}
