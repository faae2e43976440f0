import type { Provider } from '@nestjs/common';
import { CreateHttpTool } from '../../application/http-tools/create-http-tool.use-case';
import { DeleteHttpTool } from '../../application/http-tools/delete-http-tool.use-case';
import { HttpToolCatalogue } from '../../application/http-tools/http-tool-catalogue';
import { HttpToolQueries } from '../../application/http-tools/http-tool-queries';
import { TestHttpTool } from '../../application/http-tools/test-http-tool.use-case';
import { UpdateHttpTool } from '../../application/http-tools/update-http-tool.use-case';
import { HttpToolRepository } from '../../application/ports/http-tool.repository.port';
import { HttpToolRunner } from '../../application/ports/http-tool-runner.port';
import { NodeHttpToolRunner } from './http-tool.runner';
import { TypeOrmHttpToolRepository } from './typeorm-http-tool.repository';

/** Tenant-defined HTTP tools: storage, the runner, their use cases and the engine's catalogue. */
export const HTTP_TOOL_PROVIDERS: Provider[] = [
  { provide: HttpToolRepository, useClass: TypeOrmHttpToolRepository },
  { provide: HttpToolRunner, useClass: NodeHttpToolRunner },
  CreateHttpTool,
  UpdateHttpTool,
  DeleteHttpTool,
  HttpToolQueries,
  TestHttpTool,
  HttpToolCatalogue,
];
