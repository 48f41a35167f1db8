export { cx } from "./cx";
export { Button, ButtonLink, buttonClasses } from "./button";
export type { ButtonProps, ButtonLinkProps, ButtonVariant, ButtonSize } from "./button";
export { Field, TextField, TextAreaField, SelectField, CheckboxField, FormError, controlClasses, toErrorList } from "./field";
export type {
  FieldProps,
  FieldControlProps,
  FieldErrors,
  TextFieldProps,
  TextAreaFieldProps,
  SelectFieldProps,
  SelectOption,
  CheckboxFieldProps,
  FormErrorProps,
} from "./field";
export { Card, CardSection } from "./card";
export type { CardProps, CardSectionProps } from "./card";
export { PageHeader } from "./page-header";
export type { PageHeaderProps, Breadcrumb } from "./page-header";
export { Badge, StatusDot } from "./badge";
export type { BadgeProps, StatusDotProps, Tone } from "./badge";
export { EmptyState } from "./empty-state";
export type { EmptyStateProps } from "./empty-state";
export { Table, THead, TBody, TR, TH, TD } from "./table";
export type { TableProps } from "./table";
export { ProgressBar } from "./progress";
export type { ProgressBarProps } from "./progress";
export { Alert } from "./alert";
export type { AlertProps, AlertTone } from "./alert";
export { Stat } from "./stat";
export type { StatProps } from "./stat";
export { CopyButton } from "./copy-button";
export type { CopyButtonProps } from "./copy-button";
