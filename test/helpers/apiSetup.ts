// `testTimeout` is a global jest option, so the api project's own value in jest.config.js was
// ignored and every API test had jest's 5 s default — too short for a BFF on FerretDB under load
// (a setup that seeds a campaign, or a suite running beside another). Set it here, per test file.
jest.setTimeout(60_000);

// Every response a test receives from its BFFs is checked against /api/openapi.json (helpers/contract.ts).
import { installContractCheck } from './contract';
installContractCheck();
