/** socket.io rooms: every console of a tenant, and every console of one staff member. */
export const tenantRoom = (tenantId: string) => `tenant:${tenantId}`;
export const staffRoom = (staffId: string) => `staff:${staffId}`;
