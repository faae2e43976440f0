import { closeServer, listen } from './http';
import { OpenAiBench } from './openai';
import { TwilioBench } from './twilio';

/**
 * The Twilio and OpenAI stand-ins in a process of their own, so their work does not delay the
 * bench's load generator and timers. Tells the parent its URLs over IPC; stops on SIGTERM.
 */
async function main(): Promise<void> {
  const twilio = new TwilioBench();
  const openai = new OpenAiBench();
  const t = await listen((method, path, body) => twilio.route(method, path, body));
  const o = await listen((method, path, body) => openai.route(method, path, body));
  process.send?.({ twilioUrl: t.url, openaiUrl: `${o.url}/v1` });
  process.on('SIGTERM', () => {
    void Promise.all([closeServer(t.server), closeServer(o.server)]).then(() => process.exit(0));
  });
  // The parent going away (even by SIGKILL) ends the stand-ins too.
  process.on('disconnect', () => process.exit(0));
}

void main();
