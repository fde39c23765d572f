import type { RouteSpec } from './lib/route';
import type { Services } from './services';
import { authRoutes } from './modules/auth/routes';
import { homeRoutes } from './modules/home/routes';
import { questionnaireRoutes } from './modules/questionnaires/routes';
import { attemptRoutes } from './modules/attempts/routes';
import { campaignRoutes } from './modules/campaigns/routes';
import { enterpriseAdminRoutes } from './modules/enterprises/routes';
import { staffRoutes } from './modules/staff/routes';
import { openApiRoutes } from './modules/openapi/routes';
import { dashboardRoutes } from './modules/dashboards/routes';
import { auditRoutes } from './modules/audit/routes';
import { reviewRoutes } from './modules/reviews/routes';
import { publicityRoutes } from './modules/publicity/routes';
import { quotaRoutes } from './modules/quotas/routes';
import { evidenceRoutes } from './modules/evidence/routes';
import { recordRoutes } from './modules/records/routes';

/**
 * The route table: every API route, declared once. The app mounts it, /api/openapi.json
 * describes it, and the authorization matrix test walks it.
 */
export const routeTable: readonly RouteSpec<Services>[] = [
  ...authRoutes,
  ...homeRoutes,
  ...questionnaireRoutes,
  ...attemptRoutes,
  ...campaignRoutes,
  ...enterpriseAdminRoutes,
  ...staffRoutes,
  ...dashboardRoutes,
  ...auditRoutes,
  ...reviewRoutes,
  ...publicityRoutes,
  ...quotaRoutes,
  ...evidenceRoutes,
  ...recordRoutes,
  ...openApiRoutes(() => routeTable),
];
