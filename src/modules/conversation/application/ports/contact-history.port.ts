/** The conversations and messages that hold a contact's data; what personal-data sources key on. */
export interface ContactHistoryIds {
  conversationIds: string[];
  /** Messages of its conversations, with its contact id, or from or to its WhatsApp address (even not yet attached). */
  messageIds: string[];
}

export abstract class ContactHistory {
  abstract locate(tenantId: string, contact: { id: string; phoneNumber: string }): Promise<ContactHistoryIds>;
}
