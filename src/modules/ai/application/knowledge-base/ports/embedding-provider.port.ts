/** Turns texts into vectors of `dimensions` numbers; one vector per text, in order. */
export abstract class EmbeddingProvider {
  abstract readonly model: string;
  abstract readonly dimensions: number;
  abstract embed(texts: string[]): Promise<number[][]>;
}
