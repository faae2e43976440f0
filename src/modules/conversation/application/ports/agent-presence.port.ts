/** Which of a tenant's agents have the console open right now (connected to the live gateway). */
export abstract class AgentPresence {
  /** Staff ids of the tenant's connected agents and admins, in a stable order. */
  abstract onlineStaff(tenantId: string): Promise<string[]>;
}
