/** Why the engine handed a conversation to a person; stored on the conversation and its event. */
export const ENGINE_HANDOFF_REASONS = {
  customerRequested: 'customer_requested',
  routerRequested: 'router_requested_human',
  lowConfidence: 'low_router_confidence',
  toolRequested: 'agent_requested_human',
  noSpecialist: 'no_enabled_specialist',
  aiUnavailable: 'ai_unavailable',
} as const;
