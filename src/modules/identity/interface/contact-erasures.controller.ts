import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { PaginationQueryDto } from '@core/http/pagination.dto';
import { ContactQueries } from '../application/contact-queries';
import { ContactErasureListResponseDto } from './dto/contact.dto';
import { toContactErasureResponse } from './dto/contact.mapper';

@ApiTags('Contacts')
@ApiBearerAuth()
@Controller('api/v1/contact-erasures')
export class ContactErasuresController {
  constructor(private readonly queries: ContactQueries) {}

  @Get()
  @Roles('tenant_admin')
  @ApiOperation({ summary: "List the tenant's contact erasures", description: 'The record of LGPD/GDPR erasures, newest first: who, when, how much; never the phone number.' })
  @ApiOkResponse({ type: ContactErasureListResponseDto, description: 'One page, with the total' })
  @ApiErrors(400, 401)
  @ApiError(403, 'Tenant admins only')
  async list(@CurrentTenant() caller: TenantPrincipal, @Query() query: PaginationQueryDto): Promise<ContactErasureListResponseDto> {
    const page = await this.queries.listErasures(caller.tenantId, query);
    return { items: page.items.map(toContactErasureResponse), total: page.total, limit: query.limit, offset: query.offset };
  }
}
