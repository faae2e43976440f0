/** Error descriptions the conversation routes share in their OpenAPI documentation. */
export const CONVERSATION_NOT_FOUND = "No conversation with this id in the caller's tenant (code CONVERSATION.NOT_FOUND)";

export const ILLEGAL_CHANGE = 'The conversation is in a state that does not allow this (CONVERSATION.ILLEGAL_TRANSITION), or changed meanwhile (CONVERSATION.CHANGED)';
