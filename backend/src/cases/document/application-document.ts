/** The document the portal sends (docs/intake.md). */
export interface IntakeDocument {
  externalRef: string;
  receivedAt: string;
  applicant: {
    orgNumber: string;
    name: string;
    companyForm: string;
    incorporatedOn?: string;
    naceCode?: string;
    county?: string;
    publicOwnershipPct?: number;
    financials?: IntakeFinancialYear[];
    relatedEnterprises?: {
      name: string;
      orgNumber?: string;
      relation: 'linked' | 'partner';
      sharePct?: number;
      annualWorkUnits?: number;
      turnoverNok?: number;
      balanceSheetNok?: number;
    }[];
    insolvencyProceedings?: boolean;
    outstandingRescueAid?: boolean;
    outstandingRecoveryOrder?: boolean;
  };
  project: {
    title: string;
    description?: string;
    innovationTypes: ('process' | 'organisational')[];
    startDate?: string;
    endDate?: string;
    firstBindingCommitmentDate?: string | null;
    location?: string;
    circularTransition?: boolean;
    collaborationPartners?: {
      name: string;
      orgNumber?: string;
      sizeClass?: 'micro' | 'small' | 'medium' | 'large';
      eligibleCostsNok?: number;
    }[];
  };
  aid: { instrument: 'grant'; requestedAmountNok: number };
  otherPublicAid?: { grantor: string; legalBasis?: string; amountNok: number; coversSameCosts: boolean }[];
  costLines: IntakeCostLine[];
}

export interface IntakeFinancialYear {
  year: number;
  annualWorkUnits?: number;
  turnoverNok?: number;
  balanceSheetNok?: number;
  shareCapitalNok?: number;
  otherEquityNok?: number;
  debtNok?: number;
  ebitdaNok?: number;
  interestExpenseNok?: number;
}

export interface IntakeCostLine {
  category: string;
  description: string;
  amountNok: number;
  hours?: number;
  hourlyRateNok?: number;
  basis?: 'depreciation' | 'rental';
  acquisitionCostNok?: number;
  usefulLifeMonths?: number;
  monthsUsed?: number;
  projectUseSharePct?: number;
  monthlyRentNok?: number;
  supplierName?: string;
  supplierRelation?: 'independent' | 'partner' | 'linked';
  incurredFrom?: string;
}
