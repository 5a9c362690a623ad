import { effect } from "@preact/signals";
import { render } from "preact";
import { lang, t } from "../common/i18n";
import { AuthModel } from "../models/auth";
import { App } from "./App";
import "../common/styles.css";
import "./styles.css";

const auth = new AuthModel();

effect(() => {
  document.documentElement.lang = lang.value;
  document.title = `${t("app.console")} · Kefu Edge`;
});

render(<App auth={auth} />, document.getElementById("app")!);
