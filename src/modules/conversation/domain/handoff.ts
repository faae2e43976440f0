/** Why a conversation was handed to a human; stored on the conversation and on its event. */
export const HANDOFF_REASONS = {
  planLimitReached: 'plan_limit_reached',
  customerRequested: 'customer_requested',
  staffRequested: 'staff_requested',
  /** A voice note could not be transcribed and the tenant chose a person over "please type". */
  audioNotUnderstood: 'audio_not_understood',
} as const;

/** Sent once when a conversation enters HANDOFF_PENDING, unless the tenant set its own text. */
export const DEFAULT_HANDOFF_ACKNOWLEDGEMENT = 'Um atendente vai continuar o atendimento. Aguarde um momento, por favor.';
