import type { MessageKind, MessageMedia } from '@modules/conversation/domain/message';

/** WhatsApp's own limit for media; a download that grows beyond it is aborted. */
export const MEDIA_MAX_BYTES = 16 * 1024 * 1024;

const CONTACT_CARD_TYPES = new Set(['text/vcard', 'text/x-vcard', 'text/directory']);

/** The bare MIME type, lower-case, without parameters ("audio/ogg; codecs=opus" → "audio/ogg"). */
export function mimeType(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/** WhatsApp sends stickers as WebP images and contact cards as vCards. */
export function kindOfMedia(contentType: string): MessageKind {
  const type = mimeType(contentType);
  if (type.startsWith('audio/')) return 'audio';
  if (type === 'image/webp') return 'sticker';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('video/')) return 'video';
  if (CONTACT_CARD_TYPES.has(type)) return 'contact';
  if (type.startsWith('application/') || type.startsWith('text/')) return 'document';
  return 'other';
}

/** "120 KB", "1.5 MB": how big an attachment is, for the AI to read. */
export function readableSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

const DOCUMENT_NAMES: Record<string, string> = {
  'application/pdf': 'a PDF document',
  'application/msword': 'a Word document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'a Word document',
  'application/vnd.ms-excel': 'a spreadsheet',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'a spreadsheet',
  'text/plain': 'a text file',
};

function whatItIs(kind: MessageKind, type: string): string {
  switch (kind) {
    case 'audio':
      return 'a voice note';
    case 'image':
      return 'an image';
    case 'video':
      return 'a video';
    case 'sticker':
      return 'a sticker';
    case 'contact':
      return 'a contact card';
    case 'document':
      return DOCUMENT_NAMES[type] ?? 'a document';
    default:
      return 'a file';
  }
}

/**
 * What the AI reads for one attachment: "[the customer sent an image: image/jpeg, 120 KB]",
 * "[the customer sent a PDF document named fatura.pdf]". Twilio rarely gives a file name; when it
 * does (a document's body), it is used.
 */
export function describeMedia(media: MessageMedia, fileName: string | null = null): string {
  const type = mimeType(media.contentType);
  const kind = kindOfMedia(type);
  const what = whatItIs(kind, type);
  if (fileName) return `[the customer sent ${what} named ${fileName}]`;
  const details = [kind === 'sticker' || kind === 'contact' ? null : type || null, media.size !== null ? readableSize(media.size) : null].filter(Boolean);
  return details.length ? `[the customer sent ${what}: ${details.join(', ')}]` : `[the customer sent ${what}]`;
}

const AUDIO_EXTENSIONS: Record<string, string> = {
  'audio/ogg': 'ogg',
  'audio/opus': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/webm': 'webm',
  'audio/amr': 'amr',
};

/** Transcription services tell the format by the file's extension, so the upload is named after the type. */
export function audioFileName(contentType: string): string {
  return `voice-note.${AUDIO_EXTENSIONS[mimeType(contentType)] ?? 'ogg'}`;
}
