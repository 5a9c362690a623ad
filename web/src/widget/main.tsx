import { effect } from "@preact/signals";
import { render } from "preact";
import { lang, t } from "../common/i18n";
import { WidgetModel } from "../models/widget";
import { App } from "./App";
import { readWidgetParams } from "./params";
import "../common/styles.css";
import "./widget.css";
import "./leave.css";
import "./my-tickets.css";

const widget = new WidgetModel(readWidgetParams());

effect(() => {
  const shop = widget.shop.value;
  document.documentElement.lang = lang.value;
  document.title = shop ? `${lang.value === "en" ? shop.nameEn : shop.name} · ${t("app.widget")}` : t("app.widget");
});

render(<App widget={widget} />, document.getElementById("app")!);
