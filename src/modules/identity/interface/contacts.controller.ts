import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { UuidParamDto } from '@core/http/pagination.dto';
import { ContactQueries } from '../application/contact-queries';
import { AddContactTags, RemoveContactTag } from '../application/contact-tags.use-cases';
import { UpdateContact } from '../application/update-contact.use-case';
import {
  AddContactTagsRequestDto,
  ContactListResponseDto,
  CONTACT_NOT_FOUND,
  ContactResponseDto,
  ContactTagParamDto,
  INVALID_TAG,
  ListContactsQueryDto,
  UpdateContactRequestDto,
} from './dto/contact.dto';
import { toContactResponse } from './dto/contact.mapper';

@ApiTags('Contacts')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/v1/contacts')
export class ContactsController {
  constructor(
    private readonly queries: ContactQueries,
    private readonly updateContact: UpdateContact,
    private readonly addTags: AddContactTags,
    private readonly removeTag: RemoveContactTag,
  ) {}

  @Get()
  @Roles('tenant_admin', 'agent')
  @ApiOperation({ summary: "List the tenant's contacts", description: 'The WhatsApp users who wrote to the tenant, newest first; search with `q`, filter by `tag` or by `optedOut`.' })
  @ApiOkResponse({ type: ContactListResponseDto, description: 'One page, with the total' })
  @ApiError(400, INVALID_TAG)
  @ApiError(403, 'Tenant admins and agents only')
  async list(@CurrentTenant() caller: TenantPrincipal, @Query() query: ListContactsQueryDto): Promise<ContactListResponseDto> {
    const page = await this.queries.list(caller.tenantId, query);
    return { items: page.items.map(toContactResponse), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @Roles('tenant_admin', 'agent')
  @ApiOperation({ summary: 'Read one contact' })
  @ApiOkResponse({ type: ContactResponseDto, description: 'The contact' })
  @ApiErrors(400)
  @ApiError(403, 'Tenant admins and agents only')
  @ApiError(404, CONTACT_NOT_FOUND)
  async get(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<ContactResponseDto> {
    return toContactResponse(await this.queries.get(caller.tenantId, params.id));
  }

  @Patch(':id')
  @Roles('tenant_admin', 'agent')
  @ApiOperation({ summary: "Update a contact's display name, notes or tags", description: 'Only the fields sent change; `tags` replaces the whole set.' })
  @ApiOkResponse({ type: ContactResponseDto, description: 'The contact after the change' })
  @ApiErrors(413)
  @ApiError(400, INVALID_TAG)
  @ApiError(403, 'Tenant admins and agents only')
  @ApiError(404, CONTACT_NOT_FOUND)
  async update(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto, @Body() body: UpdateContactRequestDto): Promise<ContactResponseDto> {
    return toContactResponse(await this.updateContact.execute({ tenantId: caller.tenantId, contactId: params.id, ...body }));
  }

  @Post(':id/tags')
  @HttpCode(200)
  @Roles('tenant_admin', 'agent')
  @ApiOperation({ summary: 'Add tags to a contact', description: 'Tags it already has are kept once.' })
  @ApiOkResponse({ type: ContactResponseDto, description: 'The contact with its tags' })
  @ApiErrors(413)
  @ApiError(400, INVALID_TAG)
  @ApiError(403, 'Tenant admins and agents only')
  @ApiError(404, CONTACT_NOT_FOUND)
  @ApiError(422, 'The contact would have more than 20 tags (code IDENTITY.TOO_MANY_TAGS)')
  async tag(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto, @Body() body: AddContactTagsRequestDto): Promise<ContactResponseDto> {
    return toContactResponse(await this.addTags.execute(caller.tenantId, params.id, body.tags));
  }

  @Delete(':id/tags/:tag')
  @Roles('tenant_admin', 'agent')
  @ApiOperation({ summary: 'Remove a tag from a contact', description: 'Removing a tag the contact does not have changes nothing.' })
  @ApiOkResponse({ type: ContactResponseDto, description: 'The contact with its remaining tags' })
  @ApiError(400, INVALID_TAG)
  @ApiError(403, 'Tenant admins and agents only')
  @ApiError(404, CONTACT_NOT_FOUND)
  async untag(@CurrentTenant() caller: TenantPrincipal, @Param() params: ContactTagParamDto): Promise<ContactResponseDto> {
    return toContactResponse(await this.removeTag.execute(caller.tenantId, params.id, params.tag));
  }
}
