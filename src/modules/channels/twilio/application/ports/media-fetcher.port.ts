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
   * The credentials are sent only to Twilio's API, never to a redirect target elsewhere.
   */
  abstract fetch(url: string, credentials: MediaCredentials | null): Promise<FetchedMedia>;
}
