export interface FetchedMedia {
  bytes: Buffer;
  contentType: string;
}

/** Basic-auth credentials of the number's Twilio account. */
export interface MediaCredentials {
  username: string;
  password: string;
}

export abstract class MediaFetcher {
  /**
   * Downloads the media, aborting beyond MEDIA_MAX_BYTES (MediaTooLargeError) or after the timeout.
   * Refuses (MediaRefusedError) a URL that is not Twilio's, a redirect outside Twilio's media CDN and
   * a host on a private or reserved address. The credentials go only with the first request, to the API.
   */
  abstract fetch(url: string, credentials: MediaCredentials | null): Promise<FetchedMedia>;
}
