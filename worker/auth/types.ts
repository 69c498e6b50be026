/** An account as every interface sees it (never with its password hash). */
export interface User {
  id: string;
  email: string;
  name: string | null;
  created_at: string;
}
