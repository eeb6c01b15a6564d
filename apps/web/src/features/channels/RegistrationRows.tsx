import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Flex, Form, Input } from 'antd';
import { useT } from '../../app/i18n/i18n';
import { registrationEntries, registrationKeyOf, SUGGESTED_REGISTRATION_KEYS } from './channel-fields';

/** A registration item as the form holds it: the item's name as shown (备案号), and its value. */
export type RegistrationRow = { key?: string; value?: string };

/** The form's rows for a stored registration. */
export function registrationRows(registration: Record<string, string>, label: (key: string) => string): RegistrationRow[] {
  return registrationEntries(registration).map(([key, value]) => ({ key: label(key), value }));
}

/** The rows that hold a value, as the registration to send; rows left empty are dropped. */
export function registrationOf(rows: readonly RegistrationRow[] | undefined, keyOf: (text: string) => string): Record<string, string> {
  return Object.fromEntries(
    (rows ?? []).filter((row) => row.key?.trim() && row.value?.trim()).map((row) => [keyOf(row.key ?? ''), (row.value ?? '').trim()]),
  );
}

/** 备案信息 as name–value rows: suggested names (账号ID, 备案号, …) are offered as one types, any other name is allowed. */
export function RegistrationRows() {
  const t = useT();
  const form = Form.useFormInstance();
  const suggestions = SUGGESTED_REGISTRATION_KEYS.map((key) => ({ value: t(`channel.registrationKey.${key}`) }));

  return (
    <Form.List name="registration">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="start">
              <Form.Item
                name={[field.name, 'key']}
                style={{ width: 180, marginBottom: 8 }}
                dependencies={[['registration', field.name, 'value']]}
                rules={[
                  {
                    validator: (_, text: string | undefined) => {
                      const rows: RegistrationRow[] = form.getFieldValue('registration') ?? [];
                      const name = text?.trim() ?? '';
                      if (!name) {
                        return rows[field.name]?.value?.trim() ? Promise.reject(new Error(t('channel.registrationKeyRequired'))) : Promise.resolve();
                      }
                      const key = registrationKeyOf(name, t);
                      const sameKey = rows.filter((row) => row.key?.trim() && registrationKeyOf(row.key, t) === key).length;
                      return sameKey > 1 ? Promise.reject(new Error(t('channel.registrationKeyDuplicate', { key: name }))) : Promise.resolve();
                    },
                  },
                ]}
              >
                <AutoComplete
                  aria-label={t('channel.registrationKey')}
                  placeholder={t('channel.registrationKey')}
                  maxLength={40}
                  options={suggestions}
                  showSearch={{ filterOption: (input, option) => option?.value.includes(input.trim()) ?? false }}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() => {
                  const name: string | undefined = form.getFieldValue(['registration', field.name, 'key']);
                  return (
                    <Form.Item name={[field.name, 'value']} style={{ flex: 1, marginBottom: 8 }}>
                      <Input maxLength={500} aria-label={name?.trim() || t('channel.registrationValue')} placeholder={t('channel.registrationValue')} />
                    </Form.Item>
                  );
                }}
              </Form.Item>
              <Button
                type="text"
                icon={<MinusCircleOutlined />}
                aria-label={t('channel.registrationRemove')}
                onClick={() => remove(field.name)}
              />
            </Flex>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ key: '', value: '' })}>
            {t('channel.registrationAdd')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
