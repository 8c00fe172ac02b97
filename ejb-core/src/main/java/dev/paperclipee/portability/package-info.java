/**
 * Company portability (spec §21, issue 8; ../shared/spec/company-package.md): a company exported as
 * a vendor-neutral markdown package rooted at {@code COMPANY.md} plus the {@code .paperclip.yaml}
 * sidecar, and a package imported into a new or an existing company — previewed first, applied in one
 * transaction. The Jakarta Batch jobs {@code company-export} and {@code company-import} (batch-jobs
 * module) drive the boundaries here.
 */
package dev.paperclipee.portability;
