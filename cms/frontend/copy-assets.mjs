// Copies GOV.UK Frontend's compiled script and its fonts/images next to our CSS.
import { cpSync, mkdirSync } from "node:fs";

const source = "node_modules/govuk-frontend/dist/govuk";
const target = "cms/static/dist";
mkdirSync(target, { recursive: true });
cpSync(`${source}/govuk-frontend.min.js`, `${target}/govuk-frontend.min.js`);
cpSync(`${source}/assets`, `${target}/assets`, { recursive: true });
console.log(`GOV.UK Frontend assets copied to ${target}`);
