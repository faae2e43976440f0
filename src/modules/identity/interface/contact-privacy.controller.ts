import { Controller, Delete, Get, HttpCode, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { UuidParamDto } from '@core/http/pagination.dto';
import { EraseContact } from '../application/erase-contact.use-case';
import { ExportContact } from '../application/export-contact.use-case';
import { CONTACT_NOT_FOUND, ContactExportResponseDto } from './dto/contact.dto';
import { toContactExportDocument } from './dto/contact.mapper';

/** LGPD/GDPR requests about one contact: access (export) and erasure. Tenant admins only. */
@ApiTags('Contacts')
@ApiBearerAuth()
@ApiErrors(400, 401)
@ApiError(403, 'Tenant admins only')
@ApiError(404, CONTACT_NOT_FOUND)
@Controller('api/v1/contacts')
@Roles('tenant_admin')
export class ContactPrivacyController {
  constructor(
    private readonly exportContact: ExportContact,
    private readonly eraseContact: EraseContact,
  ) {}

  @Get(':id/export')
  @ApiOperation({
    summary: 'Export everything stored about a contact (LGPD/GDPR access request)',
    description: 'One JSON document, sent as an attachment: the contact, its conversations, every message from or to it, the AI runs, the AI long-term memories and live session windows, and sandbox messages.',
  })
  @ApiOkResponse({
    type: ContactExportResponseDto,
    description: 'The export document',
    headers: { 'Content-Disposition': { description: 'attachment; filename="contact-{id}-{yyyy-mm-dd}.json"', schema: { type: 'string' } } },
  })
  async export(
    @CurrentTenant() caller: TenantPrincipal,
    @Param() params: UuidParamDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const exported = await this.exportContact.execute(caller.tenantId, params.id);
    const day = exported.exportedAt.toISOString().slice(0, 10);
    void reply.header('content-disposition', `attachment; filename="contact-${params.id}-${day}.json"`);
    return toContactExportDocument(exported);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Erase a contact and everything stored about it (LGPD/GDPR erasure request)',
    description: 'Removes the contact, its conversations, messages, AI runs, AI long-term memories and sandbox messages in one transaction, and its live AI session windows, and records the erasure (without the phone number).',
  })
  @ApiNoContentResponse({ description: 'Erased' })
  async erase(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<void> {
    await this.eraseContact.execute({ tenantId: caller.tenantId, contactId: params.id, erasedBy: caller.userId });
  }
}
