import {
  CLAIMABLE_STATES,
  ConversationFacts,
  nextRoundRobin,
  planAutoAssign,
  planClaim,
  planClose,
  planHandoffRequest,
  planRelease,
  planTransfer,
  replyDecision,
  StaffActor,
} from './assignment';
import { CONVERSATION_STATES, ConversationState } from './conversation-state';
import { IllegalTransitionError } from './conversation-state-machine';

const ADMIN: StaffActor = { id: 'admin-1', role: 'tenant_admin' };
const AGENT: StaffActor = { id: 'agent-1', role: 'agent' };
const OTHER_AGENT: StaffActor = { id: 'agent-2', role: 'agent' };

const facts = (state: ConversationState, assignedTo: string | null = null): ConversationFacts => ({ state, assignedTo });
const codeOf = (attempt: () => unknown): string | undefined => {
  try {
    attempt();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('claiming a conversation', () => {
  it('may start from the queue or from the AI, never from CLOSED', () => {
    expect(CLAIMABLE_STATES).toEqual(['ACTIVE', 'WAITING_USER', 'HANDOFF_PENDING']);
  });

  it.each(CLAIMABLE_STATES)('takes a %s conversation for the caller, provided it is still unassigned', (state) => {
    expect(planClaim(facts(state), AGENT)).toEqual({
      transition: { from: state, to: 'HUMAN_ACTIVE', actor: { type: 'staff', id: AGENT.id }, reason: 'claimed' },
      assignment: { expected: null, next: AGENT.id },
    });
  });

  it("refuses another staff member's conversation with CONVERSATION.ALREADY_ASSIGNED (409)", () => {
    expect(codeOf(() => planClaim(facts('HUMAN_ACTIVE', OTHER_AGENT.id), AGENT))).toBe('CONVERSATION.ALREADY_ASSIGNED');
    expect(codeOf(() => planClaim(facts('HUMAN_ACTIVE', OTHER_AGENT.id), ADMIN))).toBe('CONVERSATION.ALREADY_ASSIGNED');
  });

  it('does nothing when the conversation already is the caller’s', () => {
    expect(planClaim(facts('HUMAN_ACTIVE', AGENT.id), AGENT)).toBeNull();
  });

  it('adopts a HUMAN_ACTIVE conversation whose assignee is gone, as an assignment', () => {
    expect(planClaim(facts('HUMAN_ACTIVE'), AGENT)).toEqual({
      transition: { from: 'HUMAN_ACTIVE', to: 'HUMAN_ACTIVE', actor: { type: 'staff', id: AGENT.id }, reason: 'claimed' },
      assignment: { expected: null, next: AGENT.id },
    });
  });

  it('refuses a closed conversation as an illegal transition', () => {
    expect(() => planClaim(facts('CLOSED'), AGENT)).toThrow(IllegalTransitionError);
  });
});

describe('automatic assignment', () => {
  it('gives an unassigned queued conversation to the chosen staff member, as the system', () => {
    expect(planAutoAssign(facts('HANDOFF_PENDING'), AGENT.id)).toEqual({
      transition: { from: 'HANDOFF_PENDING', to: 'HUMAN_ACTIVE', actor: { type: 'system' }, reason: 'auto_assigned' },
      assignment: { expected: null, next: AGENT.id },
    });
  });

  it.each(CONVERSATION_STATES.filter((s) => s !== 'HANDOFF_PENDING'))('leaves a %s conversation alone', (state) => {
    expect(planAutoAssign(facts(state), AGENT.id)).toBeNull();
  });

  it('takes the first online staff member after the last one assigned, in id order, wrapping around', () => {
    expect(nextRoundRobin(['b', 'a', 'c'], null)).toBe('a');
    expect(nextRoundRobin(['b', 'a', 'c'], 'a')).toBe('b');
    expect(nextRoundRobin(['b', 'a', 'c'], 'c')).toBe('a');
    expect(nextRoundRobin(['a', 'c'], 'b')).toBe('c');
    expect(nextRoundRobin([], 'a')).toBeNull();
  });
});

describe('transferring a conversation', () => {
  it('lets the assignee hand it to another staff member, as an assignment event', () => {
    expect(planTransfer(facts('HUMAN_ACTIVE', AGENT.id), AGENT, OTHER_AGENT.id)).toEqual({
      transition: { from: 'HUMAN_ACTIVE', to: 'HUMAN_ACTIVE', actor: { type: 'staff', id: AGENT.id }, reason: 'transferred' },
      assignment: { expected: AGENT.id, next: OTHER_AGENT.id },
    });
  });

  it("lets a tenant admin move anyone's conversation, and assign a queued one", () => {
    expect(planTransfer(facts('HUMAN_ACTIVE', AGENT.id), ADMIN, OTHER_AGENT.id)?.assignment).toEqual({ expected: AGENT.id, next: OTHER_AGENT.id });
    expect(planTransfer(facts('HANDOFF_PENDING'), ADMIN, AGENT.id)?.transition).toMatchObject({ from: 'HANDOFF_PENDING', to: 'HUMAN_ACTIVE' });
  });

  it('refuses an agent who is not the assignee with CONVERSATION.NOT_ASSIGNEE (403)', () => {
    expect(codeOf(() => planTransfer(facts('HUMAN_ACTIVE', AGENT.id), OTHER_AGENT, ADMIN.id))).toBe('CONVERSATION.NOT_ASSIGNEE');
    expect(codeOf(() => planTransfer(facts('HANDOFF_PENDING'), AGENT, OTHER_AGENT.id))).toBe('CONVERSATION.NOT_ASSIGNEE');
  });

  it('is a claim when the target is the caller, and nothing when the target already has it', () => {
    expect(planTransfer(facts('HANDOFF_PENDING'), AGENT, AGENT.id)?.transition.reason).toBe('claimed');
    expect(planTransfer(facts('HUMAN_ACTIVE', OTHER_AGENT.id), ADMIN, OTHER_AGENT.id)).toBeNull();
  });

  it('refuses a closed conversation', () => {
    expect(() => planTransfer(facts('CLOSED'), ADMIN, AGENT.id)).toThrow(IllegalTransitionError);
  });
});

describe('releasing a conversation to the AI', () => {
  it('moves it to ACTIVE and unassigns it, for the assignee or a tenant admin', () => {
    expect(planRelease(facts('HUMAN_ACTIVE', AGENT.id), AGENT)).toEqual({
      transition: { from: 'HUMAN_ACTIVE', to: 'ACTIVE', actor: { type: 'staff', id: AGENT.id }, reason: 'released' },
      assignment: { expected: AGENT.id, next: null },
    });
    expect(planRelease(facts('HUMAN_ACTIVE', AGENT.id), ADMIN).assignment).toEqual({ expected: AGENT.id, next: null });
    expect(planRelease(facts('HANDOFF_PENDING'), ADMIN).transition).toMatchObject({ from: 'HANDOFF_PENDING', to: 'ACTIVE' });
  });

  it('refuses an agent who is not the assignee', () => {
    expect(codeOf(() => planRelease(facts('HUMAN_ACTIVE', AGENT.id), OTHER_AGENT))).toBe('CONVERSATION.NOT_ASSIGNEE');
    expect(codeOf(() => planRelease(facts('HANDOFF_PENDING'), AGENT))).toBe('CONVERSATION.NOT_ASSIGNEE');
  });

  it.each(['ACTIVE', 'WAITING_USER', 'CLOSED'] as const)('refuses a %s conversation with CONVERSATION.NOT_HANDED_OFF (409)', (state) => {
    expect(codeOf(() => planRelease(facts(state), ADMIN))).toBe('CONVERSATION.NOT_HANDED_OFF');
  });
});

describe('closing a conversation', () => {
  it('lets the assignee and tenant admins close it, keeping who handled it', () => {
    expect(planClose(facts('HUMAN_ACTIVE', AGENT.id), AGENT)).toEqual({
      transition: { from: 'HUMAN_ACTIVE', to: 'CLOSED', actor: { type: 'staff', id: AGENT.id }, reason: 'closed_by_staff' },
      assignment: { expected: AGENT.id, next: AGENT.id },
    });
    expect(planClose(facts('ACTIVE'), ADMIN).transition.to).toBe('CLOSED');
  });

  it('lets any agent close an unclaimed conversation of the queue, but not an AI or another agent’s conversation', () => {
    expect(planClose(facts('HANDOFF_PENDING'), AGENT).transition.from).toBe('HANDOFF_PENDING');
    expect(codeOf(() => planClose(facts('ACTIVE'), AGENT))).toBe('CONVERSATION.NOT_ASSIGNEE');
    expect(codeOf(() => planClose(facts('HUMAN_ACTIVE', OTHER_AGENT.id), AGENT))).toBe('CONVERSATION.NOT_ASSIGNEE');
  });

  it('refuses to close a closed conversation again', () => {
    expect(codeOf(() => planClose(facts('CLOSED'), ADMIN))).toBe('CONVERSATION.ILLEGAL_TRANSITION');
  });
});

describe('asking for a person (staff handoff)', () => {
  it.each(['ACTIVE', 'WAITING_USER'] as const)('lets any staff member queue a %s conversation the AI is handling', (state) => {
    expect(planHandoffRequest(facts(state), AGENT, 'needs a refund')).toEqual({
      transition: { from: state, to: 'HANDOFF_PENDING', actor: { type: 'staff', id: AGENT.id }, reason: 'needs a refund' },
      assignment: { expected: null, next: null },
    });
  });

  it('lets the assignee or an admin put a person’s conversation back in the queue, unassigned', () => {
    expect(planHandoffRequest(facts('HUMAN_ACTIVE', AGENT.id), AGENT, 'r').assignment).toEqual({ expected: AGENT.id, next: null });
    expect(planHandoffRequest(facts('HUMAN_ACTIVE', AGENT.id), ADMIN, 'r').transition.to).toBe('HANDOFF_PENDING');
    expect(codeOf(() => planHandoffRequest(facts('HUMAN_ACTIVE', AGENT.id), OTHER_AGENT, 'r'))).toBe('CONVERSATION.NOT_ASSIGNEE');
  });

  it.each(['HANDOFF_PENDING', 'CLOSED'] as const)('refuses a %s conversation as an illegal transition', (state) => {
    expect(() => planHandoffRequest(facts(state), ADMIN, 'r')).toThrow(IllegalTransitionError);
  });
});

describe('replying to the customer', () => {
  it('lets the assignee and tenant admins answer a HUMAN_ACTIVE conversation', () => {
    expect(replyDecision(facts('HUMAN_ACTIVE', AGENT.id), AGENT)).toBe('send');
    expect(replyDecision(facts('HUMAN_ACTIVE', AGENT.id), ADMIN)).toBe('send');
  });

  it('refuses an agent who is not the assignee with 403', () => {
    expect(codeOf(() => replyDecision(facts('HUMAN_ACTIVE', AGENT.id), OTHER_AGENT))).toBe('CONVERSATION.NOT_ASSIGNEE');
  });

  it('has a tenant admin answering a queued conversation take it over first; an agent must claim it', () => {
    expect(replyDecision(facts('HANDOFF_PENDING'), ADMIN)).toBe('claim_first');
    expect(codeOf(() => replyDecision(facts('HANDOFF_PENDING'), AGENT))).toBe('CONVERSATION.NOT_HUMAN_ACTIVE');
  });

  it.each(['ACTIVE', 'WAITING_USER', 'CLOSED'] as const)('refuses a %s conversation with CONVERSATION.NOT_HUMAN_ACTIVE (409)', (state) => {
    expect(codeOf(() => replyDecision(facts(state), ADMIN))).toBe('CONVERSATION.NOT_HUMAN_ACTIVE');
  });
});
