export interface Contact {
  id: string;
  tenantId: string;
  phoneNumber: string;
  waId: string | null;
  profileName: string | null;
}
