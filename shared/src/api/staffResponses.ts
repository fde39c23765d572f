import { z } from 'zod';
import { campaignViewSchema } from './admin';
import { staffAccountViewSchema } from './staff';
import { beijingTimeSchema } from './time';

/** Response bodies of the staff side that used to be written inline beside their route (see responses.ts). */

/** GET /api/campaigns */
export const campaignListSchema = z.object({ campaigns: z.array(campaignViewSchema) }).meta({ id: 'CampaignList' });

/** POST /api/admin/questionnaires */
export const questionnaireAddedSchema = z.object({ ref: z.string() }).meta({ id: 'QuestionnaireAdded', description: '新问卷版本的引用（id@version）' });

/** POST /api/admin/enterprises/:id/key-reset — the new key, shown this once. */
export const keyResetSchema = z.object({ key: z.string(), loginUrl: z.string() }).meta({ id: 'KeyReset' });

/** POST /api/admin/enterprises/:id/extension */
export const extensionGrantedSchema = z.object({ deadline: beijingTimeSchema }).meta({ id: 'ExtensionGranted' });

/** GET /api/admin/staff */
export const staffAccountListSchema = z.object({ accounts: z.array(staffAccountViewSchema) }).meta({ id: 'StaffAccountList' });

/** GET /api/admin/audit */
export const auditEventsSchema = z
  .object({
    events: z.array(
      z.object({
        at: beijingTimeSchema,
        action: z.string(),
        actor: z.object({ kind: z.string(), id: z.string().nullable(), ip: z.string().nullable() }),
        target: z.string().nullable(),
        details: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .meta({ id: 'AuditEvents' });

/** GET /api/openapi.json — an OpenAPI 3.1 object (its own schema is the OpenAPI specification's). */
export const openApiDocumentSchema = z.record(z.string(), z.unknown()).meta({ id: 'OpenApiDocument', description: 'OpenAPI 3.1 文档' });

