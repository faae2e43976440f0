import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { FLAG_NAME_MAX_LENGTH, isValidFlagName } from '../../domain/feature-flag';

export const MAX_FEATURES = 100;

/** A plain object of at most MAX_FEATURES flags, each lower_snake_case (≤ 60 characters) → boolean. */
export function IsFeatureMap(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isFeatureMap',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return entries.length <= MAX_FEATURES && entries.every(([flag, enabled]) => isValidFlagName(flag) && typeof enabled === 'boolean');
        },
        defaultMessage(args: ValidationArguments): string {
          return `${args.property} must map at most ${MAX_FEATURES} lower_snake_case flag names (≤ ${FLAG_NAME_MAX_LENGTH} characters) to true or false`;
        },
      },
    });
}
