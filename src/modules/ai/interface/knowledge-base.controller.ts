import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { BodyLimit } from '@core/http/route-body-limit';
import { PaginationQueryDto, UuidParamDto } from '@core/http/pagination.dto';
import { DeleteDocument } from '../application/knowledge-base/delete-document.use-case';
import { IngestDocument } from '../application/knowledge-base/ingest-document.use-case';
import { KnowledgeBaseQueries } from '../application/knowledge-base/knowledge-base-queries';
import { ReindexKnowledgeBase } from '../application/knowledge-base/reindex-knowledge-base.use-case';
import {
  KB_DOCUMENT_NOT_FOUND,
  KB_UPLOAD_BODY_LIMIT,
  KbDocumentListResponseDto,
  KbDocumentResponseDto,
  KbReindexResponseDto,
  KbSearchQueryDto,
  KbSearchResponseDto,
  UploadKbDocumentRequestDto,
} from './dto/knowledge-base.dto';
import { toIngestCommand, toKbDocumentResponse } from './dto/knowledge-base.mapper';

@ApiTags('Knowledge base')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/v1/knowledge-base')
export class KnowledgeBaseController {
  constructor(
    private readonly ingest: IngestDocument,
    private readonly queries: KnowledgeBaseQueries,
    private readonly deleteDocument: DeleteDocument,
    private readonly reindexKnowledgeBase: ReindexKnowledgeBase,
  ) {}

  @Post('documents')
  @Roles('tenant_admin')
  @BodyLimit(KB_UPLOAD_BODY_LIMIT)
  @ApiOperation({
    summary: 'Upload a document',
    description:
      'Plain text or Markdown in `content`, or a PDF in `contentBase64` (its text extracted page by page); ' +
      'chunked (~800 characters, ~100 overlap), embedded and stored at once.',
  })
  @ApiCreatedResponse({ type: KbDocumentResponseDto, description: 'The indexed document' })
  @ApiErrors(400)
  @ApiError(413, `The body is larger than ${KB_UPLOAD_BODY_LIMIT / 1024 / 1024} MiB`)
  @ApiError(403, 'Tenant admins only')
  @ApiError(
    422,
    "The tenant's documents would exceed the plan's kbMaxBytes (code AI.KB_LIMIT), the document has no text (AI.KB_EMPTY_DOCUMENT: " +
      'for a PDF, one with only scanned images), or the PDF cannot be read: not a PDF, password-protected, damaged, or too large to read (AI.KB_INVALID_PDF)',
  )
  async upload(@CurrentTenant() caller: TenantPrincipal, @Body() body: UploadKbDocumentRequestDto): Promise<KbDocumentResponseDto> {
    return toKbDocumentResponse(await this.ingest.execute(toIngestCommand(caller.tenantId, body)));
  }

  @Get('documents')
  @Roles('tenant_admin')
  @ApiOperation({ summary: "List the tenant's documents", description: 'Newest first.' })
  @ApiOkResponse({ type: KbDocumentListResponseDto, description: 'One page, with the total' })
  @ApiErrors(400)
  @ApiError(403, 'Tenant admins only')
  async list(@CurrentTenant() caller: TenantPrincipal, @Query() query: PaginationQueryDto): Promise<KbDocumentListResponseDto> {
    const page = await this.queries.list(caller.tenantId, query.limit, query.offset);
    return { items: page.items.map(toKbDocumentResponse), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Get('documents/:id')
  @Roles('tenant_admin')
  @ApiOperation({ summary: 'Read one document' })
  @ApiOkResponse({ type: KbDocumentResponseDto, description: 'The document' })
  @ApiErrors(400)
  @ApiError(403, 'Tenant admins only')
  @ApiError(404, KB_DOCUMENT_NOT_FOUND)
  async get(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<KbDocumentResponseDto> {
    return toKbDocumentResponse(await this.queries.get(caller.tenantId, params.id));
  }

  @Delete('documents/:id')
  @HttpCode(204)
  @Roles('tenant_admin')
  @ApiOperation({ summary: 'Delete a document', description: 'Its chunks and their vectors go with it.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400)
  @ApiError(403, 'Tenant admins only')
  @ApiError(404, KB_DOCUMENT_NOT_FOUND)
  async remove(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<void> {
    await this.deleteDocument.execute(caller.tenantId, params.id);
  }

  @Get('search')
  @Roles('tenant_admin', 'agent')
  @ApiOperation({ summary: 'Search the knowledge base', description: 'Top-k chunks by cosine similarity to the query, embedded with the current model.' })
  @ApiOkResponse({ type: KbSearchResponseDto, description: 'The best chunks, best first' })
  @ApiErrors(400)
  @ApiError(403, 'Tenant admins and agents only')
  async search(@CurrentTenant() caller: TenantPrincipal, @Query() query: KbSearchQueryDto): Promise<KbSearchResponseDto> {
    return { items: await this.queries.search(caller.tenantId, query.q, query.limit) };
  }

  @Post('reindex')
  @HttpCode(200)
  @Roles('tenant_admin')
  @ApiOperation({ summary: 'Re-embed after an embedding model change', description: 'Every chunk embedded with another model or dimension than the configured ones is embedded again.' })
  @ApiOkResponse({ type: KbReindexResponseDto, description: 'What was re-embedded' })
  @ApiError(403, 'Tenant admins only')
  async reindex(@CurrentTenant() caller: TenantPrincipal): Promise<KbReindexResponseDto> {
    return this.reindexKnowledgeBase.execute(caller.tenantId);
  }
}
