import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { PaginationQueryDto, UuidParamDto } from '@core/http/pagination.dto';
import { CONTACT_NOT_FOUND } from '@modules/identity/interface/dto/contact.dto';
import { ContactMemories } from '../application/memory/contact-memories';
import type { ContactMemory } from '../domain/memory/memory';
import { ContactMemoryListResponseDto, ContactMemoryParamDto, ContactMemoryResponseDto, MEMORY_NOT_FOUND } from './dto/contact-memories.dto';

/** The long-term memories the assistant keeps about a contact: staff can review them and remove wrong ones. */
@ApiTags('Contacts')
@ApiBearerAuth()
@ApiErrors(400, 401)
@Controller('api/v1/contacts')
export class ContactMemoriesController {
  constructor(private readonly memories: ContactMemories) {}

  @Get(':id/memories')
  @Roles('tenant_admin', 'agent')
  @ApiOperation({ summary: "List the assistant's memories of a contact", description: 'Facts and conversation summaries the AI recalls in later conversations, newest first.' })
  @ApiOkResponse({ type: ContactMemoryListResponseDto, description: 'One page, with the total' })
  @ApiError(403, 'Tenant admins and agents only')
  @ApiError(404, CONTACT_NOT_FOUND)
  async list(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto, @Query() query: PaginationQueryDto): Promise<ContactMemoryListResponseDto> {
    const page = await this.memories.list(caller.tenantId, params.id, query.limit, query.offset);
    return { items: page.items.map(toResponse), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Delete(':id/memories/:memoryId')
  @HttpCode(204)
  @Roles('tenant_admin')
  @ApiOperation({ summary: 'Delete a memory of a contact', description: 'The assistant no longer recalls it.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiError(403, 'Tenant admins only')
  @ApiError(404, MEMORY_NOT_FOUND)
  async remove(@CurrentTenant() caller: TenantPrincipal, @Param() params: ContactMemoryParamDto): Promise<void> {
    await this.memories.delete(caller.tenantId, params.id, params.memoryId);
  }
}

function toResponse(memory: ContactMemory): ContactMemoryResponseDto {
  return { id: memory.id, kind: memory.kind, content: memory.content, conversationId: memory.conversationId, createdAt: memory.createdAt.toISOString() };
}
