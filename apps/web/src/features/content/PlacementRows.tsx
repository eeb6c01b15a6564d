import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Flex, Form, Input } from 'antd';
import { useT } from '../../app/i18n/i18n';
import { placementKeyOf, placementKeySuggestions, type PlacementRow } from './placement';

/** 投放信息 of an offline channel as name–value rows (位置, 期号 …); the value's field is named after its row. */
export function PlacementRows() {
  const t = useT();
  const form = Form.useFormInstance();
  return (
    <Form.List name="placement">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="start">
              <Form.Item
                name={[field.name, 'key']}
                style={{ width: 160, marginBottom: 8 }}
                dependencies={[['placement', field.name, 'value']]}
                rules={[
                  {
                    validator: (_, text: string | undefined) => {
                      const rows: PlacementRow[] = form.getFieldValue('placement') ?? [];
                      const name = text?.trim() ?? '';
                      if (!name) {
                        return rows[field.name]?.value?.trim() ? Promise.reject(new Error(t('publication.placementKeyRequired'))) : Promise.resolve();
                      }
                      const key = placementKeyOf(name, t);
                      const same = rows.filter((row) => row.key?.trim() && placementKeyOf(row.key, t) === key).length;
                      return same > 1 ? Promise.reject(new Error(t('publication.placementKeyDuplicate', { key: name }))) : Promise.resolve();
                    },
                  },
                ]}
              >
                <AutoComplete aria-label={t('publication.placementKey')} placeholder={t('publication.placementKey')} maxLength={40} options={placementKeySuggestions(t)} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() => {
                  const name: string | undefined = form.getFieldValue(['placement', field.name, 'key']);
                  return (
                    <Form.Item name={[field.name, 'value']} style={{ flex: 1, marginBottom: 8 }}>
                      <Input maxLength={500} aria-label={name?.trim() || t('publication.placementValue')} placeholder={t('publication.placementValue')} />
                    </Form.Item>
                  );
                }}
              </Form.Item>
              <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('publication.placementRemove')} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', value: '' })}>
            {t('publication.placementAdd')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
