/** SOAP facade: JAXB types of the WSDL, mapped to and from the api records. */
@XmlSchema(namespace = VmSoapService.NS, elementFormDefault = XmlNsForm.QUALIFIED)
package io.cairn.soap.internal;

import javax.xml.bind.annotation.XmlNsForm;
import javax.xml.bind.annotation.XmlSchema;
