/**
 * The names a custom private DNS zone of a private AKS cluster may have [doc-aks-private] [issue-docs-104092]
 * (arm-facts §10.3): `privatelink.<region>.<suffix>` or `<subzone>.privatelink.<region>.<suffix>` with a
 * subzone of 1–32 letters, digits or '-'; `private.` forms only with API server VNet integration. `<region>`
 * is the full region name (australiaeast, not an alias such as aue: MicrosoftDocs/azure-docs#104092) and
 * must be the cluster's. Kept as data per cloud: a hand-written regex once rejected `westus3`
 * (Azure/terraform-azurerm-aks#670).
 */
export const AKS_DNS_SUFFIX = {
  AzureCloud: 'azmk8s.io',
  // (U) from the AKS private cluster docs of the sovereign clouds; not verified against a live cluster.
  AzureUSGovernment: 'cx.aks.containerservice.azure.us',
  AzureChinaCloud: 'cx.prod.service.azk8s.cn',
} as const;

export type CloudName = keyof typeof AKS_DNS_SUFFIX;

export type ZoneCheck = { ok: true; subzone?: string; form: 'privatelink' | 'private' } | { ok: false; reason: string; fix: string };

const SUBZONE = /^[A-Za-z0-9-]{1,32}$/;

export function allowedZoneForms(region: string, cloud: CloudName = 'AzureCloud'): string[] {
  const s = AKS_DNS_SUFFIX[cloud];
  return [`privatelink.${region}.${s}`, `<subzone>.privatelink.${region}.${s}`, `private.${region}.${s}`, `<subzone>.private.${region}.${s}`];
}

export function checkZoneName(zone: string, region: string, options: { cloud?: CloudName; vnetIntegration?: boolean } = {}): ZoneCheck {
  const cloud = options.cloud ?? 'AzureCloud';
  const suffix = AKS_DNS_SUFFIX[cloud];
  const forms = allowedZoneForms(region, cloud).join(', ');
  const name = zone.toLowerCase();
  const tail = `.${suffix}`;
  if (!name.endsWith(tail)) return { ok: false, reason: `zone '${zone}' does not end with '${suffix}', the AKS DNS suffix of ${cloud}.`, fix: `name it privatelink.${region}.${suffix} (allowed forms: ${forms}).` };
  const labels = name.slice(0, -tail.length).split('.');
  const [kindLabel, zoneRegion] = labels.slice(-2);
  const sub = labels.slice(0, -2);
  if (labels.length < 2 || (kindLabel !== 'privatelink' && kindLabel !== 'private') || sub.length > 1) {
    return { ok: false, reason: `zone '${zone}' is not one of the forms AKS accepts.`, fix: `use one of: ${forms}.` };
  }
  if (zoneRegion !== region) {
    return {
      ok: false,
      reason: `zone '${zone}' is for region '${zoneRegion}', but the cluster is in '${region}' (the full region name is required, not a short code).`,
      fix: `use a zone named ${kindLabel}.${region}.${suffix}${sub.length ? ` (or ${sub[0]}.${kindLabel}.${region}.${suffix})` : ''}.`,
    };
  }
  if (sub.length && !SUBZONE.test(sub[0])) return { ok: false, reason: `subzone '${sub[0]}' must be 1–32 letters, digits or '-'.`, fix: 'shorten or rename the subzone.' };
  if (kindLabel === 'private' && !options.vnetIntegration) {
    return { ok: false, reason: `'private.' zones are for clusters with API server VNet integration, which this stack does not enable.`, fix: `use privatelink.${region}.${suffix}.` };
  }
  return { ok: true, subzone: sub[0], form: kindLabel };
}
