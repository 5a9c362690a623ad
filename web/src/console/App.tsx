import type { AuthModel } from "../models/auth";
import { LoginForm } from "./LoginForm";
import { Workspace } from "./Workspace";

/** Signed out: the login form. Signed in: the workspace, rebuilt for every new session token. */
export function App({ auth }: { auth: AuthModel }) {
  const staff = auth.staff.value;
  const token = auth.token.value;
  if (!staff || !token) return <LoginForm auth={auth} />;
  return <Workspace key={token} auth={auth} staff={staff} token={token} />;
}
