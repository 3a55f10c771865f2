import { ArmError } from '../../errors.js';

/** Container app and revision errors. Codes/messages marked with a source are real; the rest (U). */

/** The combinations the real message lists (Consumption, up to 2 vCPU) [issue-bicep-10821] [issue-bicep-types-1924]. */
export function resourceCombinations(maxCpu: number): string {
  const out: string[] = [];
  for (let q = 1; q <= maxCpu * 4; q++) out.push(`[cpu: ${fmt(q / 4)}, memory: ${(q / 2).toFixed(1)}Gi]`);
  return out.join('; ');
}
const fmt = (n: number) => (Number.isInteger(n) ? n.toFixed(1) : String(n));

export const containerAppErrors = {
  /** Real code and message [issue-aspire-1094] [issue-cli-27933] (arm-facts §4.2). */
  invalidName: (name: string) =>
    new ArmError(
      400,
      'ContainerAppInvalidName',
      `Invalid ContainerApp name '${name}'. A name must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character and cannot have '--'. The length must not be more than 32 characters.`,
      { target: 'containerAppName' },
    ),
  /** Real code and message [issue-aca-1443] [issue-aqt-14660]. */
  invalidRevisionName: (value: string) =>
    new ArmError(
      400,
      'ContainerAppInvalidRevisionName',
      `Revision name has an invalid value '${value}'. A revision name must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character. The length of the revision name must not be more than a combined 54 characters with the container app name.`,
    ),
  /**
   * Message real [issue-avm-tf-aca-115] [issue-aca-1278]; the real service reports it when provisioning the
   * revision (code `ContainerAppOperationError`, as in its other "Failed to provision revision" errors
   * [issue-aca-1758]); answering it as a synchronous 400 is the emulator's choice (U).
   */
  revisionSuffixConflict: (app: string, suffix: string) =>
    new ArmError(
      400,
      'ContainerAppOperationError',
      `Failed to provision revision for container app '${app}'. Error details: The following field(s) are either invalid or missing. Field 'template.revisionsuffix' is invalid with details: 'Invalid value: "${suffix}": revision with suffix ${suffix} already exists'.`,
      { target: 'properties.template.revisionSuffix' },
    ),
  /** Real code and message [issue-bicep-10821] [issue-bicep-types-1924]: totals over all containers. */
  invalidResourceTotal: (cpu: number, memoryGi: number, maxCpu: number) =>
    new ArmError(
      400,
      'ContainerAppInvalidResourceTotal',
      `The total requested CPU and memory resources for this application (CPU: ${cpu}, memory: ${memoryGi}) is invalid. Total CPU and memory for all containers defined in a Container App must add up to one of the following CPU - Memory combinations: ${resourceCombinations(maxCpu)}`,
      { target: 'properties.template.containers' },
    ),
  /**
   * Real code and message shape [aca-863] [aca-892] (microsoft/azure-container-apps#863, #892): an image the
   * service cannot parse as a Docker reference; the details are Docker's "invalid reference format".
   */
  invalidImage: (container: string, image: string) =>
    new ArmError(
      400,
      'InvalidParameterValueInContainerTemplate',
      `The following field(s) are either invalid or missing. Field 'template.containers.${container}.image' is invalid with details: 'Invalid value: "${image}": invalid reference format';.`,
      { target: 'properties.template.containers' },
    ),
  /** Real code and message (Azure-Samples/aisearch-openai-rag-audio#80): a server is host[:port], lower case. */
  invalidRegistryServer: (server: string) =>
    new ArmError(
      400,
      'ContainerAppInvalidRegistryServerValue',
      `Property 'registries.server' has an invalid value '${server}'. A value consist of hostname and custom port(if present). Hostname must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character. If there is a custom port, use ':' to concat the hostname and port. Port value should be in the range [1,65535].`,
      { target: 'properties.configuration.registries' },
    ),
  /** Message real (MicrosoftDocs/azure-docs#90247, service code 91013); the ARM code is not quoted there (U). */
  invalidScaleRule: (rule: string, app: string) =>
    new ArmError(400, 'ContainerAppInvalidScaleRule', `The scale rule '${rule}' provided for Container App '${app}' is invalid must have either Azure Queue or HTTP or Custom Rule specified.`, {
      target: 'properties.template.scale.rules',
    }),
  /** Generic schema-style error: each caller's rule comes from the spec (an enum, a required field) [spec-app]; code and wording (U). */
  invalid: (target: string, message: string) => new ArmError(400, 'ContainerAppInvalidProperty', message, { target }),
  /** Code real (Azure/container-apps-deploy-action#84); wording (U). */
  environmentNotFound: (envId: string) =>
    new ArmError(400, 'ManagedEnvironmentNotFound', `The managed environment '${envId}' could not be found.`, { target: 'properties.environmentId' }),
  /** Code and message real (microsoft/azure-container-apps#194: an app without an environment id). */
  environmentRequired: () => new ArmError(400, 'InvalidManagedEnvironmentId', "Invalid ManagedEnvironmentId value ''.", { target: 'properties.environmentId' }),
  /** No source pins it: rule, code and wording (U) — an app lives in its environment's region (the environment's location is where its infrastructure runs). */
  locationMismatch: (appLoc: string, envLoc: string) =>
    new ArmError(
      400,
      'ContainerAppLocationMismatch',
      `The container app location '${appLoc}' must be the same as the location of its managed environment '${envLoc}'.`,
      { target: 'location' },
    ),
  /** The rule is real: the service refuses a `secretRef` to an undefined secret ("SecretRef '<ref>' defined for container '<c>' not found.", pulumi/pulumi-azure-native#1715); code and wording (U). */
  secretRefNotFound: (ref: string, where: string) =>
    new ArmError(400, 'ContainerAppSecretRefNotFound', `Secret '${ref}' referenced by ${where} is not defined in properties.configuration.secrets.`, {
      target: 'properties.configuration.secrets',
    }),
  /** Code and message real (pulumi/pulumi-azure-native#2807, #3243). */
  secretValueMissing: (name: string) =>
    new ArmError(
      400,
      'ContainerAppSecretInvalid',
      `Invalid Request: Container app secret(s) with name(s) '${name}' are invalid: value or keyVaultUrl and identity should be provided.`,
      { target: 'properties.configuration.secrets' },
    ),
  /** Rule: a user-assigned identity must exist to be assigned [spec-msi]; code and wording (U). */
  identityNotFound: (id: string) =>
    new ArmError(400, 'InvalidUserAssignedIdentity', `The user-assigned identity '${id}' could not be found.`, { target: 'identity.userAssignedIdentities' }),
  /** Rule [doc-aca-traffic] [issue-aca-410] (arm-facts §4.2); code and wording a known gap (arm-facts §13, U). */
  trafficSum: (sum: number) =>
    new ArmError(400, 'ContainerAppInvalidTrafficWeight', `The traffic weights must add up to 100; the given weights add up to ${sum}.`, {
      target: 'properties.configuration.ingress.traffic',
    }),
  /** Schema-level traffic checks (integer weights, revisionName xor latestRevision) [spec-app] [doc-aca-traffic]; code (U). */
  trafficInvalid: (message: string) => new ArmError(400, 'ContainerAppInvalidTrafficWeight', message, { target: 'properties.configuration.ingress.traffic' }),
  /** Known gap (arm-facts §13): the real code for traffic naming an unknown revision is not known (U). */
  trafficRevisionNotFound: (rev: string) =>
    new ArmError(400, 'ContainerAppRevisionNotFound', `The revision '${rev}' named in the traffic configuration does not exist.`, {
      target: 'properties.configuration.ingress.traffic',
    }),
  /** Rule [spec-app] ("Revision weights can not be used in this mode"); code and wording (U). */
  trafficInSingleMode: () =>
    new ArmError(
      400,
      'ContainerAppInvalidTrafficWeight',
      "Revision weights can not be used when activeRevisionsMode is 'Single'. Set activeRevisionsMode to 'Multiple' to split traffic.",
      { target: 'properties.configuration.ingress.traffic' },
    ),
  /** Restarting an inactive revision: rule, code and wording (U). */
  revisionNotActive: (rev: string) => new ArmError(400, 'ContainerAppRevisionNotActive', `The revision '${rev}' is not active.`),
};
