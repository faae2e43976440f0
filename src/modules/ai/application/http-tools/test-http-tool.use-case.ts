import { Injectable } from '@nestjs/common';
import { SecretBox } from '@core/crypto/secret-box';
import { HttpToolOutcome, HttpToolRunner } from '../ports/http-tool-runner.port';
import { openHttpTool } from './http-tool-headers';
import { HttpToolQueries } from './http-tool-queries';

/** Runs a tool once for an admin checking the integration, enabled or not. */
@Injectable()
export class TestHttpTool {
  constructor(
    private readonly queries: HttpToolQueries,
    private readonly runner: HttpToolRunner,
    private readonly box: SecretBox,
  ) {}

  async execute(tenantId: string, id: string, args: unknown): Promise<HttpToolOutcome> {
    const tool = await this.queries.get(tenantId, id);
    return this.runner.run(openHttpTool(this.box, tool), args);
  }
}
