/**
 * The intake contract with the portal (docs/intake.md) as JSON Schema. It is the
 * document we share with the portal team and the first line of validation;
 * rules a schema cannot say (check digits, date order, distinct years,
 * receivedAt not in the future, unpaired surrogates) are checked in intake.validator.ts.
 *
 * The limits that hold for every field are here too: whole-NOK amounts at most 10^13, AWU at
 * most 10^7, percentages with at most two decimals, years and dates within 1900-2100 (the `date`
 * format is the contract's, see intake.validator.ts), and text without control characters (tab
 * and line breaks only in descriptions). Each also keeps a value within its database column.
 */
import { COST_CATEGORIES, SIZE_CLASSES } from '../../rulebook/types';

/** Whole NOK: amounts, turnover, balance sheets (docs/intake.md, "Limits that hold for every field"). */
export const MAX_NOK = 10_000_000_000_000;
/** Annual work units. */
export const MAX_AWU = 10_000_000;
/** Hours on a personnel line (not in the contract's table; numeric(12, 2) holds below 10^10). */
export const MAX_HOURS = 10_000_000;
/** usefulLifeMonths and monthsUsed: a century (not in the contract's table; numeric(8, 2) holds below 10^6). */
export const MAX_MONTHS = 1_200;

/** One line of text: no control characters at all (U+0000-U+001F, U+007F-U+009F). */
export const ONE_LINE_TEXT = '^[^\\u0000-\\u001F\\u007F-\\u009F]*$';
/** Prose: control characters but tab, line feed and carriage return refused. */
export const PROSE_TEXT = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$';

const text = (max = 2000) => ({ type: 'string', maxLength: max, pattern: ONE_LINE_TEXT });
const requiredText = { type: 'string', minLength: 1, maxLength: 2000, pattern: ONE_LINE_TEXT };
const prose = (max: number, min = 0) => ({ type: 'string', ...(min ? { minLength: min } : {}), maxLength: max, pattern: PROSE_TEXT });
const date = { type: 'string', format: 'date' };
const nok = { type: 'integer', minimum: 0, maximum: MAX_NOK };
const signedNok = { type: 'integer', minimum: -MAX_NOK, maximum: MAX_NOK };
const pct = { type: 'number', minimum: 0, maximum: 100, multipleOf: 0.01 };
const orgNumber = { type: 'string', format: 'org-number' };
const awu = { type: 'number', minimum: 0, maximum: MAX_AWU };
const months = { type: 'number', minimum: 0, maximum: MAX_MONTHS };

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
        name: requiredText,
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
              year: { type: 'integer', minimum: 1900, maximum: 2100 },
              annualWorkUnits: awu,
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
              name: requiredText,
              orgNumber,
              relation: { enum: ['linked', 'partner'] },
              sharePct: pct,
              annualWorkUnits: awu,
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
        title: requiredText,
        description: prose(20000),
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
              name: requiredText,
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
        requestedAmountNok: { type: 'integer', minimum: 1, maximum: MAX_NOK },
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
          grantor: requiredText,
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
          description: prose(2000, 1),
          amountNok: nok,
          hours: { type: 'number', minimum: 0, maximum: MAX_HOURS },
          hourlyRateNok: nok,
          basis: { enum: ['depreciation', 'rental'] },
          acquisitionCostNok: nok,
          usefulLifeMonths: { type: 'number', exclusiveMinimum: 0, maximum: MAX_MONTHS },
          monthsUsed: months,
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
