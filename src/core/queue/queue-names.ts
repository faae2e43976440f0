/** Queue names from the original design; one place so producers and processors agree. */
export const QUEUES = {
  processAiResponse: 'process_ai_response',
  sendWhatsappMessage: 'send_whatsapp_message',
} as const;

/** Every job carries its tenant and the correlation id of the message that caused it. */
export interface JobEnvelope {
  tenantId: string;
  correlationId: string;
}

export interface ProcessAiResponseJob extends JobEnvelope {
  inboundMessageId: string;
}

export interface SendWhatsappMessageJob extends JobEnvelope {
  messageId: string;
}
