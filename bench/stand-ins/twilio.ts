import { randomBytes } from 'node:crypto';
import type { Reply } from './http';

/**
 * Twilio's Messages API as the SDK calls it (POST /2010-04-01/Accounts/{sid}/Messages.json). It
 * records only who was sent to and when, which is what the bench counts and times.
 */
export class TwilioBench {
  private sent: [string, number][] = [];

  route(method: string, path: string, body: string): Reply {
    if (path.startsWith('/__bench/')) return this.control(method, path);
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (method !== 'POST' || !match) return { status: 404, json: { code: 20404, message: 'Not found', status: 404 } };
    const form = new URLSearchParams(body);
    const to = form.get('To') ?? '';
    this.sent.push([to, Date.now()]);
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const now = new Date().toUTCString();
    return {
      status: 201,
      json: { sid, account_sid: match[1], from: form.get('From') ?? '', to, body: form.get('Body') ?? '', status: 'queued', date_created: now, date_updated: now, api_version: '2010-04-01', num_segments: '1' },
    };
  }

  private control(method: string, path: string): Reply {
    if (path === '/__bench/count') return { status: 200, json: { count: this.sent.length } };
    if (path === '/__bench/sent') return { status: 200, json: { sent: this.sent } };
    if (method === 'POST' && path === '/__bench/reset') {
      this.sent = [];
      return { status: 200, json: {} };
    }
    return { status: 404, json: {} };
  }
}
