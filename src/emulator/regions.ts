/**
 * Public Azure regions: the normalised name ARM uses in ids, `location` and error messages, and the display name
 * it gives in provider metadata (`resourceTypes[].locations`, e.g. "West Europe", "East US 2": Azure/azure-cli-extensions#8163)
 * and in `GET /subscriptions/{id}/locations` (`displayName`).
 */
export const REGION_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  eastus: 'East US',
  eastus2: 'East US 2',
  westus: 'West US',
  westus2: 'West US 2',
  westus3: 'West US 3',
  centralus: 'Central US',
  northcentralus: 'North Central US',
  southcentralus: 'South Central US',
  westcentralus: 'West Central US',
  canadacentral: 'Canada Central',
  canadaeast: 'Canada East',
  brazilsouth: 'Brazil South',
  northeurope: 'North Europe',
  westeurope: 'West Europe',
  uksouth: 'UK South',
  ukwest: 'UK West',
  francecentral: 'France Central',
  germanywestcentral: 'Germany West Central',
  switzerlandnorth: 'Switzerland North',
  norwayeast: 'Norway East',
  swedencentral: 'Sweden Central',
  polandcentral: 'Poland Central',
  italynorth: 'Italy North',
  spaincentral: 'Spain Central',
  eastasia: 'East Asia',
  southeastasia: 'Southeast Asia',
  japaneast: 'Japan East',
  japanwest: 'Japan West',
  koreacentral: 'Korea Central',
  centralindia: 'Central India',
  southindia: 'South India',
  australiaeast: 'Australia East',
  australiasoutheast: 'Australia Southeast',
  uaenorth: 'UAE North',
  southafricanorth: 'South Africa North',
  qatarcentral: 'Qatar Central',
  israelcentral: 'Israel Central',
  mexicocentral: 'Mexico Central',
  newzealandnorth: 'New Zealand North',
};

/** Normalised names, used for location checks. */
export const REGIONS: readonly string[] = Object.keys(REGION_DISPLAY_NAMES);

/** "West Europe" for `westeurope`; other names (e.g. `global`) unchanged. */
export function regionDisplayName(name: string): string {
  return REGION_DISPLAY_NAMES[name.toLowerCase()] ?? name;
}
