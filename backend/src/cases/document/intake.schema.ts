/**
 * The intake contract with the portal (docs/intake.md) as JSON Schema. It is the
 * document we share with the portal team and the first line of validation;
 * rules a schema cannot say (check digits, date order, distinct years,
 * receivedAt not in the future) are checked in intake.validator.ts.
 */
import { COST_CATEGORIES, SIZE_CLASSES } from '../../rulebook/types';

const text = (max = 2000) => ({ type: 'string', maxLength: max });
const date = { type: 'string', format: 'date' };
const nok = { type: 'integer', minimum: 0 };
const signedNok = { type: 'integer' };
const pct = { type: 'number', minimum: 0, maximum: 100 };
const orgNumber = { type: 'string', format: 'org-number' };
const nonNegative = { type: 'number', minimum: 0 };

export const INTAKE_SCHEMA = {
  $id: 'https://tilsagn.example/schemas/intake.json',
  title: 'Application submitted by the portal',
  type: 'object',
  additionalProperties: false,
  required: ['externalRef', 'receivedAt', 'applicant', 'project', 'aid', 'costLines'],
  properties: {
    externalRef: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_/.-]+$' },
    receivedAt: { type: 'string', format: 'received-at' },
    applicant: {
      type: 'object',
      additionalProperties: false,
      required: ['orgNumber', 'name', 'companyForm'],
      properties: {
        orgNumber,
        name: { type: 'string', minLength: 1, maxLength: 2000 },
        companyForm: { enum: ['AS', 'ASA', 'ENK', 'ANS', 'DA', 'SA', 'NUF', 'STI', 'other'] },
        incorporatedOn: date,
        naceCode: { type: 'string', pattern: '^[0-9]{2}\\.[0-9]{2,3}$' },
        county: text(),
        publicOwnershipPct: pct,
        financials: {
          type: 'array',
          minItems: 1,
          maxItems: 2,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['year'],
            properties: {
              year: { type: 'integer', minimum: 1900, maximum: 2200 },
              annualWorkUnits: nonNegative,
              turnoverNok: nok,
              balanceSheetNok: nok,
              shareCapitalNok: nok,
              otherEquityNok: signedNok,
              debtNok: nok,
              ebitdaNok: signedNok,
              interestExpenseNok: nok,
            },
          },
        },
        relatedEnterprises: {
          type: 'array',
          maxItems: 200,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'relation'],
            properties: {
              name: { type: 'string', minLength: 1, maxLength: 2000 },
              orgNumber,
              relation: { enum: ['linked', 'partner'] },
              sharePct: pct,
              annualWorkUnits: nonNegative,
              turnoverNok: nok,
              balanceSheetNok: nok,
            },
          },
        },
        insolvencyProceedings: { type: 'boolean' },
        outstandingRescueAid: { type: 'boolean' },
        outstandingRecoveryOrder: { type: 'boolean' },
      },
    },
    project: {
      type: 'object',
      additionalProperties: false,
      required: ['title', 'innovationTypes'],
      properties: {
        title: { type: 'string', minLength: 1, maxLength: 2000 },
        description: text(20000),
        innovationTypes: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: { enum: ['process', 'organisational'] },
        },
        startDate: date,
        endDate: date,
        firstBindingCommitmentDate: { anyOf: [date, { type: 'null' }] },
        location: text(),
        circularTransition: { type: 'boolean' },
        collaborationPartners: {
          type: 'array',
          maxItems: 200,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: {
              name: { type: 'string', minLength: 1, maxLength: 2000 },
              orgNumber,
              sizeClass: { enum: SIZE_CLASSES },
              eligibleCostsNok: nok,
            },
          },
        },
      },
    },
    aid: {
      type: 'object',
      additionalProperties: false,
      required: ['instrument', 'requestedAmountNok'],
      properties: {
        instrument: { enum: ['grant'] },
        requestedAmountNok: { type: 'integer', minimum: 1 },
      },
    },
    otherPublicAid: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['grantor', 'amountNok', 'coversSameCosts'],
        properties: {
          grantor: { type: 'string', minLength: 1, maxLength: 2000 },
          legalBasis: text(),
          amountNok: nok,
          coversSameCosts: { type: 'boolean' },
        },
      },
    },
    costLines: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['category', 'description', 'amountNok'],
        properties: {
          category: { enum: COST_CATEGORIES },
          description: { type: 'string', minLength: 1, maxLength: 2000 },
          amountNok: nok,
          hours: nonNegative,
          hourlyRateNok: nok,
          basis: { enum: ['depreciation', 'rental'] },
          acquisitionCostNok: nok,
          usefulLifeMonths: { type: 'number', exclusiveMinimum: 0 },
          monthsUsed: nonNegative,
          projectUseSharePct: pct,
          monthlyRentNok: nok,
          supplierName: text(),
          supplierRelation: { enum: ['independent', 'partner', 'linked'] },
          incurredFrom: date,
        },
      },
    },
  },
} as const;
