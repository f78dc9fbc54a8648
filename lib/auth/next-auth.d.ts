import type { Role } from "./roles";

// authorize() returns the user's role so the JWT can carry it without a database read.
declare module "next-auth" {
  interface User {
    role?: Role;
  }
}
