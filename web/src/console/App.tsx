import type { AuthModel } from "../models/auth";
import { LoginForm } from "./LoginForm";
import { SetupGate } from "./SetupGate";
import { Workspace } from "./Workspace";

/**
 * Signed out: the login form. Signed in: the workspace, rebuilt for every new session token; or,
 * while the session is held back until the account is set up, only that setup.
 */
export function App({ auth }: { auth: AuthModel }) {
  const staff = auth.staff.value;
  const token = auth.token.value;
  if (!staff || !token) return <LoginForm auth={auth} />;
  const held = auth.held.value;
  if (held) return <SetupGate key={token} auth={auth} held={held} staff={staff} token={token} />;
  return <Workspace key={token} auth={auth} staff={staff} token={token} />;
}
