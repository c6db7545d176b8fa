/**
 * What the hours dialogs share: a form sent once at a time (`busy`), the field codes the check or
 * the server found (`errors`) and the refusal in words (`problem`), both cleared each time the
 * dialog opens, when the dialog also fills its form again.
 */
import { ref, watch, type Ref } from 'vue'
import { ApiError, type ClientErrorCode } from '../../graphql/errors.ts'
import { useFailureText } from './format.ts'

export function useFormDialog(open: Ref<boolean>, fill?: () => unknown) {
  const failureText = useFailureText()
  const busy = ref(false)
  const problem = ref('')
  const errors = ref<Record<string, string>>({})

  watch(open, (now) => {
    if (!now) return
    errors.value = {}
    problem.value = ''
    void fill?.()
  })

  /**
   * Send once at a time. A failure shows in `problem`: what `refused` makes of it (it may mark
   * `errors`; '' for no line), or, where it says nothing (null), the failure in words.
   */
  async function send(action: () => Promise<void>, refused?: (err: unknown) => string | null): Promise<void> {
    if (busy.value) return
    busy.value = true
    problem.value = ''
    try {
      await action()
    } catch (err) {
      problem.value = refused?.(err) ?? failureText(err)
    } finally {
      busy.value = false
    }
  }

  return { busy, problem, errors, send, failureText }
}

/** Whether a failure is the server's refusal with this code. */
export function isRefusal(err: unknown, code: ClientErrorCode): err is ApiError {
  return err instanceof ApiError && err.code === code
}

/** BAD_USER_INPUT's field codes by top-level field ("requiredSkills.0" → requiredSkills); null for another failure. */
export function fieldCodes(err: unknown): Record<string, string> | null {
  if (!isRefusal(err, 'BAD_USER_INPUT') || Object.keys(err.fields).length === 0) return null
  return Object.fromEntries(Object.entries(err.fields).map(([field, code]) => [field.split('.')[0]!, code]))
}
