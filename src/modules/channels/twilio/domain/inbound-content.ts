import type { MessageKind, MessageLocation, MessageMedia } from '@modules/conversation/domain/message';
import { describeMedia, kindOfMedia } from './media-description';

/** Twilio announces at most ten attachments per message. */
const MAX_MEDIA = 10;
const BUTTON_PAYLOAD_MAX = 1000;
/** A document's body that is just a file name ("fatura.pdf"): WhatsApp's way of naming it. */
const FILE_NAME = /^[^\n\r/\\]{1,200}\.[A-Za-z0-9]{1,8}$/;

export interface InboundContent {
  kind: MessageKind;
  media: MessageMedia[];
  location: MessageLocation | null;
  buttonPayload: string | null;
}

export interface ReadInbound {
  /** What the AI and agents read: the text, or a readable description of what was sent. */
  body: string;
  content: InboundContent;
}

/**
 * Normalises Twilio's inbound WhatsApp form into a kind, its attachments, a location or a button
 * reply, and a body the AI can read. Nothing a customer sends is dropped.
 */
export function readInboundContent(field: (name: string) => string): ReadInbound {
  const text = field('Body');
  const location = readLocation(field);
  if (location) return { body: describeLocation(location, text), content: { kind: 'location', media: [], location, buttonPayload: null } };
  const payload = field('ButtonPayload');
  const buttonText = field('ButtonText');
  if (payload || buttonText) {
    return { body: buttonText || text || payload, content: { kind: 'button', media: [], location: null, buttonPayload: payload ? payload.slice(0, BUTTON_PAYLOAD_MAX) : null } };
  }
  const media = readMedia(field);
  if (media.length === 0) return { body: text, content: { kind: 'text', media: [], location: null, buttonPayload: null } };
  return { body: describeAttachments(media, text), content: { kind: kindOfMedia(media[0].contentType), media, location: null, buttonPayload: null } };
}

function readMedia(field: (name: string) => string): MessageMedia[] {
  const count = Math.min(Number.parseInt(field('NumMedia') || '0', 10) || 0, MAX_MEDIA);
  const media: MessageMedia[] = [];
  for (let i = 0; i < count; i++) {
    const url = field(`MediaUrl${i}`);
    if (url) media.push({ url, contentType: field(`MediaContentType${i}`) || 'application/octet-stream', size: null });
  }
  return media;
}

/** The descriptions, then the caption; a lone document's file-name body names the document instead. */
export function describeAttachments(media: MessageMedia[], text: string): string {
  const trimmed = text.trim();
  const fileName = media.length === 1 && kindOfMedia(media[0].contentType) === 'document' && FILE_NAME.test(trimmed) ? trimmed : null;
  const descriptions = media.map((item) => describeMedia(item, fileName)).join('\n');
  return fileName || !trimmed ? descriptions : `${descriptions}\n${trimmed}`;
}

function readLocation(field: (name: string) => string): MessageLocation | null {
  const latitude = Number.parseFloat(field('Latitude'));
  const longitude = Number.parseFloat(field('Longitude'));
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  return { latitude, longitude, address: field('Address') || null, label: field('Label') || null };
}

/** "[location] Loja Paulista, Av. Paulista, 1000 (-23.56, -46.65)" */
export function describeLocation(location: MessageLocation, text = ''): string {
  const place = [location.label, location.address].filter(Boolean).join(', ');
  const line = `[location] ${place ? `${place} ` : ''}(${location.latitude}, ${location.longitude})`;
  return text.trim() ? `${line}\n${text.trim()}` : line;
}
