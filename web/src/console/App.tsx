import type { AuthModel } from "../models/auth";
import { LoginForm } from "./LoginForm";
import { TwoFactorGate } from "./TwoFactorGate";
import { Workspace } from "./Workspace";

/**
 * Signed out: the login form. Signed in: the workspace, rebuilt for every new session token; or,
 * while the shop holds the session to setting up two-factor login, only that.
 */
export function App({ auth }: { auth: AuthModel }) {
  const staff = auth.staff.value;
  const token = auth.token.value;
  if (!staff || !token) return <LoginForm auth={auth} />;
  if (auth.setupRequired.value) return <TwoFactorGate key={token} auth={auth} staff={staff} token={token} />;
  return <Workspace key={token} auth={auth} staff={staff} token={token} />;
}
