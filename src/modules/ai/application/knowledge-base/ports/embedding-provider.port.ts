/**
 * Turns texts into vectors of `dimensions` numbers; one vector per text, in order. The texts are the
 * tenant's: an adapter that sends them to a provider masks personal data when that tenant masks it.
 */
export abstract class EmbeddingProvider {
  abstract readonly model: string;
  abstract readonly dimensions: number;
  abstract embed(texts: string[], tenantId: string): Promise<number[][]>;
}
