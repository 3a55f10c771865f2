import { ArmError, errors } from '../../errors.js';

/**
 * Microsoft.KubernetesConfiguration errors; sources in brackets, (U) = wording not verified.
 * The RP answers its own request validation with 400 `ValidationFailed` (Azure/ResourceModules#1302,
 * gbaeke/quick-guides#2: "Invalid source kind match. …"); rules without a recorded message reuse that code (U).
 */
export const kcErrors = {
  /** The parent cluster is missing: ARM's ResourceNotFound naming the cluster (Azure/azure-cli-extensions#9457). */
  clusterNotFound: (clusterType: string, clusterName: string, rg: string) => errors.resourceNotFound(clusterType, clusterName, rg),
  /** GET of a missing extension: 404 ResourceNotFound, real message (Azure/AKS-Construction#291). */
  extensionNotFound: (name: string) => new ArmError(404, 'ResourceNotFound', `Extension instance with name '${name}' not found.`),
  /** (U) wording modelled on the extension's. */
  fluxConfigurationNotFound: (name: string) => new ArmError(404, 'ResourceNotFound', `Flux configuration instance with name '${name}' not found.`),
  /** Real message (Azure/ResourceModules#1302). */
  sourceKindMismatch: (kind: string) =>
    validation(`Invalid source kind match. Config with specified source kind '${kind}' must contain corresponding body specified in the properties.`),
  /**
   * The `microsoft.flux` extension must be installed before a configuration is created (learn.microsoft.com
   * conceptual-gitops-flux2; MicrosoftDocs/azure-docs#86695 confirms the RP refuses); message (U), modelled on the
   * Azure CLI's own check (azure-cli-extensions k8s-configuration consts.py FLUX_EXTENSION_*).
   */
  fluxExtensionMissing: (cluster: string) =>
    validation(`The 'microsoft.flux' extension is not installed on the cluster '${cluster}'. Install the 'microsoft.flux' extension before creating a Flux configuration.`),
  fluxExtensionNotReady: (cluster: string, state: string) =>
    validation(`The 'microsoft.flux' extension on the cluster '${cluster}' is in the '${state}' state, not 'Succeeded'. Unable to proceed with the Flux configuration.`),
  /** (U) message; the rule is Flux's: `dependsOn` names Kustomizations of the same source. */
  unknownDependency: (kustomization: string, dependency: string, config: string) =>
    validation(`Kustomization '${kustomization}' depends on '${dependency}', which is not a kustomization of the Flux configuration '${config}'.`),
  dependencyCycle: (cycle: string[]) => validation(`The kustomization dependencies form a cycle: ${cycle.join(' -> ')}.`),
  /** `x-ms-mutability: [read, create]` in the spec; message (U). */
  immutable: (field: string, was: string, now: string) => validation(`The property '${field}' cannot be changed from '${was}' to '${now}' after the Flux configuration is created.`),
  /** Spec: "To use 'version', autoUpgradeMinorVersion must be 'false'"; message (U). */
  versionWithAutoUpgrade: () => validation("Extension 'version' can only be set when 'autoUpgradeMinorVersion' is false."),
  missing: (field: string) => validation(`The required property '${field}' is missing.`),
  /** (U): an extension's type cannot change. */
  extensionTypeChanged: (was: string, now: string) => validation(`The extension type cannot be changed from '${was}' to '${now}'.`),
  invalid: (message: string) => validation(message),
};

function validation(message: string): ArmError {
  return new ArmError(400, 'ValidationFailed', message);
}
