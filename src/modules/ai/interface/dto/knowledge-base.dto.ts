import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBase64, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';
import { PageMetaDto } from '@core/http/pagination.dto';
import { KB_SOURCE_TYPES, type KbSourceType } from '../../domain/knowledge-base/knowledge-base';
import { PDF_MAX_PAGES } from '../../domain/knowledge-base/pdf-text';

export const KB_CONTENT_MAX_CHARS = 1_000_000;
export const KB_PDF_MAX_BYTES = 10 * 1024 * 1024;
/** Base64 writes 3 bytes as 4 characters. */
export const KB_PDF_BASE64_MAX_CHARS = Math.ceil(KB_PDF_MAX_BYTES / 3) * 4;
/** The upload route's body limit: room for the largest PDF in base64 and the rest of the JSON. */
export const KB_UPLOAD_BODY_LIMIT = 15 * 1024 * 1024;
export const KB_DOCUMENT_NOT_FOUND = 'No such document in this tenant (code AI.KB_DOCUMENT_NOT_FOUND)';

export class UploadKbDocumentRequestDto {
  @ApiProperty({ description: 'Shown in search results and cited in answers', example: 'Store hours', maxLength: 200 })
  @IsString() @Matches(/\S/, { message: 'title must not be blank' }) @MaxLength(200)
  title!: string;

  @ApiProperty({
    description: 'How to read the upload: `text` and `markdown` (markup stripped before indexing) come in `content`, `pdf` in `contentBase64`',
    enum: KB_SOURCE_TYPES,
    example: 'markdown',
  })
  @IsIn(KB_SOURCE_TYPES)
  format!: KbSourceType;

  @ApiProperty({
    description: `For text and markdown only: the document's text, at most ${KB_CONTENT_MAX_CHARS} characters`,
    example: '# Store hours\n\nWe open Monday to Friday from 9 am to 6 pm.',
    maxLength: KB_CONTENT_MAX_CHARS,
    required: false,
  })
  @ValidateIf((body: UploadKbDocumentRequestDto) => body.format !== 'pdf' || body.content !== undefined)
  @OnlyForFormats(['text', 'markdown'], 'a PDF goes in contentBase64')
  @IsString() @IsNotEmpty() @MaxLength(KB_CONTENT_MAX_CHARS)
  content?: string;

  @ApiProperty({
    description:
      `For pdf only: the PDF file's bytes in base64, at most ${KB_PDF_MAX_BYTES / 1024 / 1024} MiB before encoding (the whole request at most ` +
      `${KB_UPLOAD_BODY_LIMIT / 1024 / 1024} MiB). Its text is extracted (no OCR: a scanned PDF has none), at most ${PDF_MAX_PAGES} pages. ` +
      "The PDF's bytes, not its text, count toward the plan's kbMaxBytes.",
    example: 'JVBERi0xLjQKJcfsj6IK...',
    format: 'byte',
    maxLength: KB_PDF_BASE64_MAX_CHARS,
    required: false,
  })
  @ValidateIf((body: UploadKbDocumentRequestDto) => body.format === 'pdf' || body.contentBase64 !== undefined)
  @OnlyForFormats(['pdf'], 'text and Markdown go in content')
  @IsString() @IsNotEmpty() @MaxLength(KB_PDF_BASE64_MAX_CHARS) @IsBase64()
  contentBase64?: string;
}

/** Fails when the upload's format is not one of `formats`: each format has its one field for the document. */
function OnlyForFormats(formats: KbSourceType[], hint: string) {
  const formatOf = (args?: ValidationArguments) => (args?.object as UploadKbDocumentRequestDto | undefined)?.format;
  return ValidateBy({
    name: 'onlyForFormats',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => formats.includes(formatOf(args) as KbSourceType),
      defaultMessage: (args?: ValidationArguments) => `${args?.property} is not allowed with format ${String(formatOf(args))}: ${hint}`,
    },
  });
}

export class KbDocumentResponseDto {
  @ApiProperty({ format: 'uuid', example: '2f1b7c52-8a4e-4f0e-9a57-1f0d1c9e7b21' })
  id!: string;

  @ApiProperty({ example: 'Store hours' })
  title!: string;

  @ApiProperty({ enum: ['text', 'markdown', 'pdf'], example: 'markdown' })
  sourceType!: string;

  @ApiProperty({ description: "Size of the upload: the content's UTF-8 bytes, or the PDF file's bytes (counts toward the plan kbMaxBytes)", type: 'integer', example: 1834 })
  bytes!: number;

  @ApiProperty({ description: 'SHA-256 of the uploaded content (for a PDF, of its bytes), hex', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  checksum!: string;

  @ApiProperty({ description: 'The model its chunks were embedded with', example: 'text-embedding-3-small' })
  embeddingModel!: string;

  @ApiProperty({ type: 'integer', example: 1536 })
  embeddingDimensions!: number;

  @ApiProperty({ type: 'integer', example: 3 })
  chunkCount!: number;

  @ApiProperty({ enum: ['ready', 'failed'], example: 'ready' })
  status!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T14:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T14:00:00.000Z' })
  updatedAt!: string;
}

export class KbDocumentListResponseDto extends PageMetaDto {
  @ApiProperty({ type: [KbDocumentResponseDto] })
  items!: KbDocumentResponseDto[];
}

export class KbSearchQueryDto {
  @ApiProperty({ description: 'The question or words to look for', example: 'what time do you open', maxLength: 1000 })
  @IsString() @Matches(/\S/, { message: 'q must not be blank' }) @MaxLength(1000)
  q!: string;

  @ApiProperty({ description: 'How many chunks to return, best first', type: 'integer', minimum: 1, maximum: 20, default: 5, required: false })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(20)
  limit = 5;
}

export class KbSearchHitDto {
  @ApiProperty({ format: 'uuid', example: '5d0c5b8e-3a43-4c8f-8b7e-0d6f1f3f6a10' })
  chunkId!: string;

  @ApiProperty({ format: 'uuid', example: '2f1b7c52-8a4e-4f0e-9a57-1f0d1c9e7b21' })
  documentId!: string;

  @ApiProperty({ description: "The document's title", example: 'Store hours' })
  title!: string;

  @ApiProperty({ description: "The chunk's place in its document, from 0", type: 'integer', example: 0 })
  position!: number;

  @ApiProperty({ example: 'We open Monday to Friday from 9 am to 6 pm.' })
  content!: string;

  @ApiProperty({ description: 'Cosine similarity to the query, 1 at best', example: 0.62 })
  score!: number;
}

export class KbSearchResponseDto {
  @ApiProperty({ type: [KbSearchHitDto] })
  items!: KbSearchHitDto[];
}

export class KbReindexResponseDto {
  @ApiProperty({ description: 'Chunks embedded again with the current model', type: 'integer', example: 12 })
  chunksReembedded!: number;

  @ApiProperty({ description: 'Documents now recorded with the current model', type: 'integer', example: 2 })
  documentsUpdated!: number;

  @ApiProperty({ example: 'text-embedding-3-small' })
  model!: string;

  @ApiProperty({ type: 'integer', example: 1536 })
  dimensions!: number;
}
